#!/usr/bin/env bash
# CI runs the example with few steps; it exits non-zero unless the loss fell below 60 % of its start.
set -euo pipefail
dotnet run char-lm.cs -- 80
