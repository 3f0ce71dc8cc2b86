# Installs and starts the greeter server on Amazon Linux 2023 (EC2 user data).
# The rendered user data sets these before this body runs:
#   ARTIFACT_BUCKET, ARTIFACT_KEY, ARTIFACT_SHA256, APP_PORT, SHUTDOWN_TIMEOUT_MS
# INSTALL_ROOT prefixes every path written (empty on a real instance; tests point it at a scratch folder).
set -euo pipefail

: "${ARTIFACT_BUCKET:?ARTIFACT_BUCKET must be set}"
: "${ARTIFACT_KEY:?ARTIFACT_KEY must be set}"
: "${ARTIFACT_SHA256:?ARTIFACT_SHA256 must be set}"
: "${APP_PORT:?APP_PORT must be set}"
: "${SHUTDOWN_TIMEOUT_MS:?SHUTDOWN_TIMEOUT_MS must be set}"
INSTALL_ROOT="${INSTALL_ROOT:-}"

APP_USER=greeter
APP_DIR="${INSTALL_ROOT}/opt/greeter"
UNIT_FILE="${INSTALL_ROOT}/etc/systemd/system/greeter.service"

log() { echo "greeter-install: $*" >&2; }

log "installing Node.js 22 from the Amazon Linux repositories"
dnf install -y nodejs22
NODE_BIN="$(command -v node-22 || command -v node)"

if ! id -u "${APP_USER}" >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /sbin/nologin "${APP_USER}"
fi

log "fetching s3://${ARTIFACT_BUCKET}/${ARTIFACT_KEY}"
mkdir -p "${APP_DIR}"
download="$(mktemp "${APP_DIR}/main.mjs.XXXXXX")"
trap 'rm -f "${download}"' EXIT
aws s3 cp --only-show-errors "s3://${ARTIFACT_BUCKET}/${ARTIFACT_KEY}" "${download}"

actual="$(sha256sum "${download}" | cut -d ' ' -f 1)"
if [ "${actual}" != "${ARTIFACT_SHA256}" ]; then
  log "refusing to start: the artifact's SHA-256 is ${actual}, expected ${ARTIFACT_SHA256}"
  exit 1
fi
install -m 0444 "${download}" "${APP_DIR}/main.mjs"

log "writing the systemd unit"
mkdir -p "$(dirname "${UNIT_FILE}")"
cat >"${UNIT_FILE}" <<UNIT
[Unit]
Description=Greeter API
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=${APP_USER}
Group=${APP_USER}
Environment=NODE_ENV=production
Environment=PORT=${APP_PORT}
Environment=HOST=0.0.0.0
Environment=SHUTDOWN_TIMEOUT_MS=${SHUTDOWN_TIMEOUT_MS}
ExecStart=${NODE_BIN} /opt/greeter/main.mjs
Restart=on-failure
RestartSec=2
KillSignal=SIGTERM
TimeoutStopSec=$(( SHUTDOWN_TIMEOUT_MS / 1000 + 5 ))
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
SystemCallArchitectures=native
UMask=0077

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable --now greeter.service
log "greeter.service started on port ${APP_PORT}"
