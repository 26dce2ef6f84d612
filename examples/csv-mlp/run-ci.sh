#!/usr/bin/env bash
# CI runs the example on its built-in CSV with few epochs; it exits non-zero below 80 % test accuracy.
set -euo pipefail
dotnet run csv-mlp.cs -- demo label 40
