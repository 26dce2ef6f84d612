#!/usr/bin/env bash
# CI runs the example in Release (the library is then the one .ci/run built) with few steps; it exits non-zero unless the loss fell below 60 % of its start.
set -euo pipefail
dotnet run -c Release char-lm.cs -- 80
