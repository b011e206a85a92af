import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Self-signed certificates for the trust tests, made by the openssl CLI (Node's
 * crypto cannot sign X.509). The fingerprint is computed here from the DER
 * bytes, independently of the console's code.
 */
export interface TestCertificate {
  key: string;
  cert: string;
  /** "sha256 AB:CD:..." */
  fingerprint: string;
}

export function makeSelfSignedCertificate(commonName: string, altNames = 'IP:127.0.0.1,DNS:localhost'): TestCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${commonName}/O=Lab`,
        '-addext', `subjectAltName=${altNames}`,
      ],
      { stdio: 'ignore' },
    );
    const cert = fs.readFileSync(certFile, 'utf8');
    const der = new crypto.X509Certificate(cert).raw;
    const hex = crypto.createHash('sha256').update(der).digest('hex').toUpperCase();
    return { key: fs.readFileSync(keyFile, 'utf8'), cert, fingerprint: `sha256 ${hex.match(/.{2}/g)!.join(':')}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
