# Sourced by the benchmark scripts: sets PY to a Python with NumPy 2.2.6 — .venv-interop when it has NumPy, else
# .venv-bench (created on first use) — and says which.
if [ -x .venv-interop/bin/python ] && .venv-interop/bin/python -c 'import numpy' 2>/dev/null; then
    PY=.venv-interop/bin/python
else
    if ! .venv-bench/bin/python -c 'import numpy' 2>/dev/null; then
        echo "creating .venv-bench with numpy==2.2.6 ..." >&2
        [ -x .venv-bench/bin/python ] || python3 -m venv .venv-bench
        .venv-bench/bin/pip install -q numpy==2.2.6 >&2
    fi
    PY=.venv-bench/bin/python
fi
echo "numpy $($PY -c 'import numpy; print(numpy.__version__)'), $(nproc) cores" >&2
