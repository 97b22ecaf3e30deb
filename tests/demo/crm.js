'use strict';
// The demo CRM's own script: adds customers after load, as a single-page app would.
const NEW_CUSTOMERS = [
  ['Ngô Thị Mai', '0868 999 777', '20/05/2024', '3.300.000 đ'],
  ['Đỗ Văn Nam', '+84 24 3936 8888', '21/05/2024', '18.000.000 đ'],
  ['Lý Thanh Tâm', '0705.123.456', '22/05/2024', '990.000 đ'],
];
let next = 0;
function addCustomer() {
  const [name, phone, date, amount] = NEW_CUSTOMERS[next++ % NEW_CUSTOMERS.length];
  const row = document.createElement('tr');
  for (const text of [`KH-${String(131 + next).padStart(6, '0')}`, name, phone, date, amount, 'Mới thêm']) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  document.querySelector('#customers tbody').append(row);
}
document.getElementById('add').addEventListener('click', addCustomer);
setTimeout(addCustomer, 1500);
