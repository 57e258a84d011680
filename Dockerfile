# who-owns in a container: the compiled build on the official Node LTS image, run as the image's non-root
# `node` user. Build: docker build -t who-owns .   Run: see "Run it in production" in README.md.
# tests/deploy/dockerfile.test.ts checks that every command here is one package.json defines.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --ignore-scripts
COPY src ./src
RUN npm run build

FROM node:24-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# Runtime dependencies only; `prepare` (the build) already ran in the stage above.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY data ./data
USER node
EXPOSE 3000
# GET /healthz answers on PORT (HTTP mode) or HEALTH_PORT (Socket Mode); 503 while stopping.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "const p=process.env.SLACK_APP_TOKEN?process.env.HEALTH_PORT:process.env.PORT;fetch(`http://127.0.0.1:${p||3000}/healthz`).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs, without npm in between: SIGTERM reaches the app, which drains and exits 0.
CMD ["node", "bin/server.js"]
