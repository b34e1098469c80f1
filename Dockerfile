# syntax=docker/dockerfile:1
# radio-ops server image. Build: docker build -t radio-ops .
# Run:   docker run -p 3000:3000 -e SLACK_SIGNING_SECRET=... -e SLACK_BOT_TOKEN=... -e DATABASE_URL=... radio-ops
# The config file (RADIO_CONFIG) is mounted, e.g. -v $PWD/radio-ops.yml:/etc/radio-ops.yml:ro -e RADIO_CONFIG=/etc/radio-ops.yml

# ---- build: compile TypeScript to dist/ ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts skipped here only because `prepare` (tsc) needs the sources, copied next; `npm run build` runs it.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src/ src/
RUN npm run build
COPY bin/ bin/
COPY migrations/ migrations/

# ---- runtime: production dependencies and the compiled output only ----
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# Root-owned and read-only to the `node` user the server runs as.
COPY --from=build /app/dist/ dist/
COPY --from=build /app/bin/ bin/
COPY --from=build /app/migrations/ migrations/
USER node
EXPOSE 3000
# Slim images have no curl: Node's fetch asks /healthz (shell form, so PORT is read when the check runs).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:${PORT:-3000}/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# SIGTERM goes straight to node (exec form, no shell), which drains in-flight work and exits.
CMD ["node", "bin/radio-ops.js", "start"]
