# The Pacte worker, for docker-compose.yml or any container platform. The same image runs the
# web application with the command `node --import tsx web/main.ts` (compose service `web`).
#   docker build -t pacte-worker .
#   docker run -e TEMPORAL_ADDRESS=… -e SMTP_URL=… -e PACTE_CODEC_KEYS=… pacte-worker
# Configuration is environment only (docs/configuration.md). Runs the TypeScript sources with
# tsx, as `npm run worker` does everywhere else: there is no separate build to drift from them.
FROM node:24-bookworm-slim

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

# What `npm run worker` runs, without npm and sh in between: SIGTERM (docker stop) must reach
# the worker's own process. Through `npm run worker`, npm exits on SIGTERM and the worker is
# orphaned, then killed at the end of the grace period (seen with npm 11). Here the SDK's
# runtime gets the signal, stops polling and lets e-mails in flight finish (shutdownGraceTime
# 20 s, below compose's stop_grace_period of 30 s). Run with an init (compose `init: true`).
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "worker/main.ts"]
