# The Pacte worker, for docker-compose.yml or any container platform.
#   docker build -t pacte-worker .
#   docker run -e TEMPORAL_ADDRESS=… -e SMTP_URL=… -e PACTE_CODEC_KEYS=… pacte-worker
# Configuration is environment only (README, Configuration). Runs the TypeScript sources with
# tsx, as `npm run worker` does everywhere else: there is no separate build to drift from them.
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when the lock file changes.
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY --chown=node:node . .

# Not root: the worker needs no privilege (it only opens outbound connections).
USER node

# SIGTERM (docker stop) reaches the worker through npm and tsx, which forward it; the SDK's
# runtime then stops polling and lets e-mails in flight finish (shutdownGraceTime 20 s, below
# compose's stop_grace_period). Run with an init (compose `init: true`) so PID 1 reaps children.
STOPSIGNAL SIGTERM
CMD ["npm", "run", "--silent", "worker"]
