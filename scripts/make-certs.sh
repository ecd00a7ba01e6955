#!/usr/bin/env bash
# Makes a throw-away certificate authority and certificates for kg's TLS, for tests and
# local use (never for production: the CA key sits beside the certificates, unprotected).
#
#   scripts/make-certs.sh DIR [NAME...]
#
# Writes into DIR: ca.pem, ca.key; server.pem, server.key (valid for localhost, 127.0.0.1
# and every NAME, e.g. the compose or Kubernetes service names kg-stored, kg-queryd);
# client.pem, client.key (a client certificate for mutual TLS, CN kg-client).
# Keys are EC P-256; certificates are valid for 30 days.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 DIR [NAME...]" >&2
  exit 2
fi
DIR="$1"
shift
mkdir -p "$DIR"
cd "$DIR"

SAN="DNS:localhost,IP:127.0.0.1"
for name in "$@"; do SAN="$SAN,DNS:$name"; done

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

key ca.key
openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=kg test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -out ca.pem

sign() {  # sign NAME SUBJECT EXTENSIONS
  key "$1.key"
  openssl req -new -key "$1.key" -subj "$2" -out "$1.csr"
  printf '%s\n' "$3" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -sha256 \
    -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}

sign server "/CN=kg-server" "subjectAltName=$SAN
extendedKeyUsage=serverAuth
keyUsage=critical,digitalSignature"
sign client "/CN=kg-client" "extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature"
rm -f ca.srl
chmod 600 ./*.key
echo "make-certs: wrote ca.pem, server.pem/.key, client.pem/.key to $(pwd)"
