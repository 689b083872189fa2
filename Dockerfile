# syntax=docker/dockerfile:1
# Targets: `production` (the default, last) runs the compiled bot; `sandbox` adds the fake
# marketplaces and runs `npm run sandbox` compiled (docker build --target sandbox -t marketdesk-sandbox .).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
# the embedded MongoDB is never used in an image (MONGODB_URI is set): no mongod download
ENV MONGOMS_DISABLE_POSTINSTALL=1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/dist-package.mjs ./scripts/
COPY src ./src
RUN npm run build \
  && cp -a dist dist-sandbox \
  && rm -rf dist/sandbox \
  && find dist dist-sandbox -name '*.map' -delete

FROM ${NODE_IMAGE} AS runtime-deps
ENV MONGOMS_DISABLE_POSTINSTALL=1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS base
ENV NODE_ENV=production \
  MONGOMS_DISABLE_POSTINSTALL=1 \
  PORT=8080
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY package.json ./
COPY locales ./locales
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080

FROM base AS sandbox
COPY --from=build --chown=node:node /app/dist-sandbox ./dist
CMD ["node", "dist/sandbox/main.js"]

FROM base AS production
COPY --from=build --chown=node:node /app/dist ./dist
# /healthz on PORT (README "Health and metrics"); slim images have no curl, but node has fetch
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
