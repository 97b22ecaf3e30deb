'use strict';
// A certificate authority of our own and a server certificate for the https WebPhone stand-in,
// made with `openssl` when the tests start: a real WebPhone inside a CRM's frame is served over
// https (its session cookie must be `Secure` to be `SameSite=None`), and the test browsers must
// trust it as they would a real one. Nothing is kept: the keys live in a temporary folder that
// remove() deletes.
//   caFile     the CA certificate (PEM), which the Firefox driver imports into its profile
//   key, cert  the server's key and certificate (PEM) for node:https
//   spki       base64 SHA-256 of the server certificate's public key, for Chromium's
//              --ignore-certificate-errors-spki-list (honoured only with --user-data-dir)
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

/** The CA and a certificate for `ip` (as subjectAltName IP:), valid for two days. */
function makeCertificates(ip) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-tls-'));
  const at = (name) => path.join(dir, name);
  const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2',
    '-subj', '/CN=myCC Connect e2e test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', at('server.key'), '-out', at('server.csr'), '-subj', `/CN=${ip}`);
  fs.writeFileSync(at('server.ext'), [
    `subjectAltName=IP:${ip}`,
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
  ].join('\n'));
  openssl('x509', '-req', '-in', at('server.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial',
    '-days', '2', '-sha256', '-extfile', at('server.ext'), '-out', at('server.pem'));
  const cert = fs.readFileSync(at('server.pem'), 'utf8');
  const spkiDer = new crypto.X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return {
    caFile: at('ca.pem'),
    key: fs.readFileSync(at('server.key'), 'utf8'),
    cert,
    spki: crypto.createHash('sha256').update(spkiDer).digest('base64'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

module.exports = { makeCertificates };
