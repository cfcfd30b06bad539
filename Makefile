# The two commands of the README: `make run` and `make test`. Both create .venv when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install clean bench browser readers

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@echo "installing tanlu and its pinned dependencies into $(VENV) (log: $(VENV)/install.log)"
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@$(BIN)/python -m pip install -c constraints.txt -e ".[test]" >> $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	@$(BIN)/tanlu run seeds/

test: $(STAMP) browser readers
	$(BIN)/python -m pytest -q

# Debian's chromium, for the test that opens `tanlu report` in a headless browser (CI runs as root).
# Without root it only says so, and that test is skipped with the reason.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; \
	else echo "make browser: /usr/bin/chromium is missing and installing it needs root" \
	          "(apt-get install chromium); the report's browser test will be skipped"; fi

# Debian's antiword and catdoc, the readers of Word 97-2003 .doc and WPS .wps files (transforms/office.py;
# separate GPL-2 programs tanlu runs). Without root it only says so: such files are then rejected with
# the command to run, and their tests are skipped with the reason.
readers:
	@if [ -x /usr/bin/antiword ] && [ -x /usr/bin/catdoc ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends antiword catdoc; \
	else echo "make readers: antiword and catdoc are missing and installing them needs root" \
	          "(apt-get install antiword catdoc); .doc and .wps files will be rejected and their tests skipped"; fi

# the bench extra (jieba, a baseline), then the figures the README quotes (about five minutes)
bench: $(STAMP)
	@$(BIN)/python -m pip install -q -c constraints.txt -e ".[test,bench]" >> $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	$(BIN)/python -m bench.run

clean:
	rm -rf .state data extracts
