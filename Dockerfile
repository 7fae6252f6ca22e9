# The perfgate load generator image: `perfgate load SCRIPT --kubernetes` runs one pod of it per
# segment (an Indexed Job), and any container runner can run it the same way.
#
#   docker build -t perfgate:0.1.0 .            # the default --image of `perfgate load --kubernetes`
#   docker run --rm -v "$PWD:/perfgate/test" -w /perfgate/test perfgate:0.1.0 load load/api.yml
#
# The entrypoint is `perfgate`. The pods mount the test's files (script, CSV payloads, processor)
# from a ConfigMap at /perfgate/test and start in it. A processor that imports npm packages needs
# them in an image of your own: `FROM perfgate:0.1.0` plus `RUN npm install --prefix /app PKG`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# `npm ci` builds dist/ (the `prepare` script); the dev tools go once it has.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY schema ./schema
# A numeric user, so a pod's `runAsNonRoot: true` can be verified (the image's `node` user).
USER 1000:1000
WORKDIR /perfgate/test
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
CMD ["--help"]
