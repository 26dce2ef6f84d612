#!/usr/bin/env bash
# CI runs the example in Release (the library is then the one .ci/run built) on its built-in CSV with few epochs; it exits non-zero below 80 % test accuracy.
set -euo pipefail
dotnet run -c Release csv-mlp.cs -- demo label 40
