# syntax=docker/dockerfile:1
# Production image: Node 22 LTS, non-root, migrations applied at start (MIGRATE_ON_START, under an
# advisory lock). It holds only the runtime file set (about 40 MB): build/, public/, the migrations
# and the files of node_modules the server loads, traced by `npm run build:runtime`. CI starts the
# server from exactly that set as an unprivileged user (`npm run test:runtime`).

FROM node:22-bookworm-slim AS base
WORKDIR /app

# Everything needed to build: all dependencies (postinstall generates the Prisma client and copies
# the DSFR assets into public/dsfr).
FROM base AS build
COPY package.json package-lock.json prisma.config.ts index.html ./
COPY prisma ./prisma
# npm ci runs `npm run generate`: the DSFR's files are copied into public/ and its stylesheet
# assembled there (decision 028).
COPY public ./public
COPY scripts/dsfr-css.ts ./scripts/
COPY scripts/lib/css.ts scripts/lib/dsfr-components.ts scripts/lib/font-fallbacks.ts scripts/lib/font-subsets.ts ./scripts/lib/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:runtime

FROM base
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    EMBEDDED_DB_DIR=/app/.data/pglite
COPY --from=build /app/dist/runtime ./
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "build/index.js"]
