# syntax=docker/dockerfile:1
# Production image: Node 22 LTS, production dependencies only, non-root, migrations applied at start
# (MIGRATE_ON_START, under an advisory lock). Mirrors what CI proves: `npm ci`, `npm run build`,
# `node build/index.js`.

FROM node:22-bookworm-slim AS base
WORKDIR /app

# Everything needed to build: all dependencies (postinstall generates the Prisma client and copies
# the DSFR assets into public/dsfr).
FROM base AS build
COPY package.json package-lock.json prisma.config.ts index.html ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Production dependencies only; their install scripts are not needed (the Prisma client is bundled
# into build/index.js).
FROM base AS production-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM base
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    EMBEDDED_DB_DIR=/app/.data/pglite
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY --from=build /app/public ./public
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY package.json ./
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "build/index.js"]
