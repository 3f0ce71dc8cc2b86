# Installs and starts the greeter server on Amazon Linux 2023 (EC2 user data).
# The rendered user data sets these before this body runs:
#   ARTIFACT_BUCKET, ARTIFACT_KEY, ARTIFACT_VERSION_ID, ARTIFACT_SHA256, APP_PORT, SHUTDOWN_TIMEOUT_MS,
#   SHUTDOWN_DRAIN_MS, KEEP_ALIVE_TIMEOUT_MS, LOG_GROUP
# INSTALL_ROOT prefixes every path written (empty on a real instance; tests point it at a scratch folder).
# DOWNLOAD_ATTEMPTS and DOWNLOAD_RETRY_BASE_SECONDS bound the artifact download's retries
# (defaults: 8 attempts, waits of 2, 4, 8, 16, 30, 30, 30 s: about 2 minutes).
set -euo pipefail

: "${ARTIFACT_BUCKET:?ARTIFACT_BUCKET must be set}"
: "${ARTIFACT_KEY:?ARTIFACT_KEY must be set}"
: "${ARTIFACT_VERSION_ID:?ARTIFACT_VERSION_ID must be set}"
: "${ARTIFACT_SHA256:?ARTIFACT_SHA256 must be set}"
: "${APP_PORT:?APP_PORT must be set}"
: "${SHUTDOWN_TIMEOUT_MS:?SHUTDOWN_TIMEOUT_MS must be set}"
: "${SHUTDOWN_DRAIN_MS:?SHUTDOWN_DRAIN_MS must be set}"
: "${KEEP_ALIVE_TIMEOUT_MS:?KEEP_ALIVE_TIMEOUT_MS must be set}"
: "${LOG_GROUP:?LOG_GROUP must be set}"
INSTALL_ROOT="${INSTALL_ROOT:-}"
DOWNLOAD_ATTEMPTS="${DOWNLOAD_ATTEMPTS:-8}"
DOWNLOAD_RETRY_BASE_SECONDS="${DOWNLOAD_RETRY_BASE_SECONDS:-2}"

APP_USER=greeter
APP_DIR="${INSTALL_ROOT}/opt/greeter"
UNIT_FILE="${INSTALL_ROOT}/etc/systemd/system/greeter.service"
# The app writes one JSON line per request to stdout; systemd appends it here, the CloudWatch agent ships it.
APP_LOG=/var/log/greeter/app.log
AGENT_CONFIG="${INSTALL_ROOT}/opt/aws/amazon-cloudwatch-agent/etc/greeter.json"
LOGROTATE_FILE="${INSTALL_ROOT}/etc/logrotate.d/greeter"

log() { echo "greeter-install: $*" >&2; }
# Also to the system log, so a failed boot shows in journalctl and the console, not only in cloud-init's output.
fail() {
  log "$*"
  logger -t greeter-install -p user.err "$*" 2>/dev/null || true
  exit 1
}

log "installing Node.js 22 and the CloudWatch agent from the Amazon Linux repositories"
dnf install -y nodejs22 amazon-cloudwatch-agent
NODE_BIN="$(command -v node-22 || command -v node)"

if ! id -u "${APP_USER}" >/dev/null 2>&1; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /sbin/nologin "${APP_USER}"
fi

artifact="s3://${ARTIFACT_BUCKET}/${ARTIFACT_KEY} (version ${ARTIFACT_VERSION_ID})"
mkdir -p "${APP_DIR}"
download="$(mktemp "${APP_DIR}/main.mjs.XXXXXX")"
trap 'rm -f "${download}"' EXIT
# The object may not be readable yet on a first deploy, and S3 or its endpoint may blink:
# retry with growing waits, then give up loudly. Without the app, the health check fails
# and the Auto Scaling Group replaces the instance.
attempt=1
wait_seconds="${DOWNLOAD_RETRY_BASE_SECONDS}"
until
  log "fetching ${artifact}, attempt ${attempt} of ${DOWNLOAD_ATTEMPTS}"
  aws s3api get-object --bucket "${ARTIFACT_BUCKET}" --key "${ARTIFACT_KEY}" --version-id "${ARTIFACT_VERSION_ID}" "${download}" >/dev/null
do
  if [ "${attempt}" -ge "${DOWNLOAD_ATTEMPTS}" ]; then
    fail "giving up: could not fetch ${artifact} after ${DOWNLOAD_ATTEMPTS} attempts; the server is not started"
  fi
  sleep "${wait_seconds}"
  attempt=$((attempt + 1))
  wait_seconds=$((wait_seconds * 2 > 30 ? 30 : wait_seconds * 2))
done

actual="$(sha256sum "${download}" | cut -d ' ' -f 1)"
if [ "${actual}" != "${ARTIFACT_SHA256}" ]; then
  fail "refusing to start: the artifact's SHA-256 is ${actual}, expected ${ARTIFACT_SHA256}"
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
Environment=SHUTDOWN_DRAIN_MS=${SHUTDOWN_DRAIN_MS}
Environment=KEEP_ALIVE_TIMEOUT_MS=${KEEP_ALIVE_TIMEOUT_MS}
ExecStart=${NODE_BIN} /opt/greeter/main.mjs
LogsDirectory=greeter
StandardOutput=append:${APP_LOG}
StandardError=append:${APP_LOG}
Restart=on-failure
RestartSec=2
KillSignal=SIGTERM
TimeoutStopSec=$(( (SHUTDOWN_DRAIN_MS + SHUTDOWN_TIMEOUT_MS) / 1000 + 5 ))
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

log "shipping ${APP_LOG} to CloudWatch Logs group ${LOG_GROUP}"
mkdir -p "$(dirname "${AGENT_CONFIG}")" "$(dirname "${LOGROTATE_FILE}")"
cat >"${AGENT_CONFIG}" <<AGENT
{
  "agent": { "run_as_user": "root" },
  "logs": {
    "logs_collected": {
      "files": {
        "collect_list": [
          { "file_path": "${APP_LOG}", "log_group_name": "${LOG_GROUP}", "log_stream_name": "{instance_id}", "timezone": "UTC" }
        ]
      }
    }
  }
}
AGENT
cat >"${LOGROTATE_FILE}" <<ROTATE
${APP_LOG} {
  daily
  rotate 3
  maxsize 100M
  missingok
  notifempty
  compress
  copytruncate
}
ROTATE

# systemd opens StandardOutput's file before it creates LogsDirectory (systemd#27591): the folder must exist first.
mkdir -p "${INSTALL_ROOT}/var/log/greeter"
chown "${APP_USER}:${APP_USER}" "${INSTALL_ROOT}/var/log/greeter"

systemctl daemon-reload
systemctl enable --now greeter.service
amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c "file:${AGENT_CONFIG#"${INSTALL_ROOT}"}"
log "greeter.service started on port ${APP_PORT}"
