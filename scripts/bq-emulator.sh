#!/usr/bin/env bash
# Starts the bqemulator BigQuery emulator (a BigQuery REST API over DuckDB, from PyPI) on a free
# port of 127.0.0.1 for the BigQuery tests, and prints its URL on stdout. Its Python
# environment lives in target/bq-emulator (rebuilt when missing). Stop it by killing the PID in
# target/bq-emulator/pid.
#
# DuckDB is pinned with its packaged spatial extension installed from the wheel: without it the
# emulator tries to download the extension at start and dies on a machine without internet.
set -euo pipefail
cd "$(dirname "$0")/.."
home=target/bq-emulator
venv="$home/venv"
if [ ! -x "$venv/bin/bqemulator" ]; then
    echo "Installing the BigQuery emulator (bqemulator) into $venv ..." >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        'bqemulator==1.4.0' 'duckdb==1.5.5' 'duckdb-extension-spatial==1.5.5' 'numpy==2.4.6'
    "$venv/bin/python" - <<'PY'
import glob, os
import duckdb, duckdb_extension_spatial as spatial
extension = glob.glob(os.path.join(os.path.dirname(spatial.__file__), "extensions", "*", "spatial.duckdb_extension"))[0]
duckdb.connect().execute(f"INSTALL '{extension}'")
PY
fi
port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
grpc=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nohup "$venv/bin/bqemulator" start --ephemeral --rest-port "$port" --grpc-port "$grpc" --project octoscope-tests \
    >"$home/emulator.log" 2>&1 &
echo $! >"$home/pid"
for _ in $(seq 1 60); do
    if curl -sf "http://127.0.0.1:$port/bigquery/v2/projects/octoscope-tests/datasets" >/dev/null; then
        echo "http://127.0.0.1:$port"
        exit 0
    fi
    sleep 0.5
done
echo "The BigQuery emulator did not start; its log:" >&2
cat "$home/emulator.log" >&2
exit 1
