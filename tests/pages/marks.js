'use strict';
// The page's own click handlers: they count every click they see, so a test can tell that a
// click on a marked number never reached them, and that other clicks did.
window.pageClicks = [];
const count = (where) => (event) => window.pageClicks.push(`${where}:${event.target.id || event.target.nodeName}`);
document.addEventListener('click', count('document'));
document.getElementById('card').addEventListener('click', count('card'), true);
