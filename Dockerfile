# syntax=docker/dockerfile:1
# Data Mirage: one Node process, http on 8080 and https (headsets) on 8443, files under DATA_DIR (a volume).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN npm install -g npm@11
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=8080 \
    HTTPS_PORT=8443 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    SKIP_CLIENT_BUILD=1
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json tsconfig.json ./
COPY server ./server
COPY shared ./shared
COPY assets ./assets
# The job workers' single-file builds, made ahead as root: the unprivileged user below reads
# them at each start instead of building its own (server/jobs/worker-bundles.ts).
RUN node --import tsx server/cli/prebuild-workers.ts
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 8080 8443
USER node
# node itself is PID 1, not npm: npm and the shell it runs a script in do not pass `docker stop`'s
# SIGTERM on, so the server would be killed 10 s later without closing (sessions unflushed, its
# claim on DATA_DIR left to lapse). SKIP_CLIENT_BUILD=1 makes this what `npm start` runs.
CMD ["node", "--import", "tsx", "server/main.ts"]
