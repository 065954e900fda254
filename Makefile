# Halt Respect Online: build, run, test. Plain make; see README.md.

PORT    ?= 8080
DATADIR ?= $(CURDIR)/data
BUILD   ?= build

CC      ?= cc
WARN     = -Wall -Wextra -Wstrict-prototypes -Wmissing-prototypes -Wshadow \
           -Wpointer-arith -Wsign-compare -Wno-unused-parameter
CFLAGS  ?= -O2 -g
XCFLAGS  = -std=c11 -D_GNU_SOURCE -DHALT_DATADIR_DEFAULT='"$(DATADIR)"' -Icgi -Istore -Iforms $(WARN) $(WERROR) \
           $(shell pkg-config --cflags libxml-2.0 libxslt 2>/dev/null || echo -I/usr/include/libxml2) $(SAN)
LIBS     = -lfcgi -llmdb -lexslt -lxslt -lxml2 -lcrypto -lpthread -lm

# Every .c of the modules is library code except the two programs' mains.
MAINS    = cgi/main.c store/haltctl.c
LIB_SRC  = $(filter-out $(MAINS),$(wildcard cgi/*.c store/*.c forms/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB_A    = $(BUILD)/libhalt.a
HDRS     = $(wildcard cgi/*.h store/*.h forms/*.h)
TESTS    = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))

APT_RUN  = apache2 apache2-utils libfcgi-dev libxml2-dev libxslt1-dev liblmdb-dev \
           libssl-dev pkg-config libcmocka-dev gcc make
APT_TEST = $(APT_RUN) chromium nodejs npm clang libclang-rt-14-dev lmdb-utils wrk curl

.PHONY: all run test unit integration browser asan fuzz bench deps deps-test css clean

all: $(BUILD)/halt.fcgi $(BUILD)/haltctl

$(BUILD)/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(XCFLAGS) -c -o $@ $<

# Programs and tests link the modules from one archive: only what they use.
$(LIB_A): $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/halt.fcgi: $(BUILD)/cgi/main.o $(LIB_A)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/haltctl: $(BUILD)/store/haltctl.o $(LIB_A)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

# Unit tests: one cmocka binary per module. A test may add link flags
# (fault injection with -Wl,--wrap=) as TEST_LDFLAGS_<name>.
TEST_LDFLAGS_test_store = -Wl,--wrap=mdb_txn_commit,--wrap=mdb_put
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB_A)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(TEST_LDFLAGS_$*) $(LIBS) -lcmocka

# Installs what is missing, with apt-get, only when something is.
deps:
	@missing=""; for p in $(APT_RUN); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; fi

deps-test:
	@missing=""; for p in $(APT_TEST); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	command -v node >/dev/null && command -v npm >/dev/null && missing=$$(echo "$$missing" | sed 's/ nodejs//; s/ npm//'); \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; fi
	@cd tests && { [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || npm ci --no-audit --no-fund; }

run: deps all
	PORT=$(PORT) DATADIR=$(DATADIR) BUILD=$(BUILD) apache-conf/devserver.sh

unit: $(TESTS)
	@fail=0; for t in $(TESTS); do echo "== $$t"; $$t || fail=1; done; exit $$fail

integration: all
	cd tests && BUILD=$(abspath $(BUILD)) node --test --test-concurrency=1 integration/

browser: all
	cd tests && BUILD=$(abspath $(BUILD)) node --test --test-concurrency=1 browser/

# The unit and integration tests again, built with AddressSanitizer and UBSan.
asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" unit integration

test: deps deps-test
	$(MAKE) WERROR=-Werror all unit integration browser
	ASAN_OPTIONS=detect_leaks=1 $(MAKE) WERROR=-Werror asan
	$(MAKE) fuzz FUZZ_SECONDS=30

# libFuzzer targets (one per parser), each for FUZZ_SECONDS under ASan+UBSan.
FUZZ_SECONDS ?= 120
FUZZ_SRC = $(wildcard tests/fuzz_*.c)
fuzz:
	@mkdir -p build-fuzz
	@for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  clang -g -O1 -std=c11 -D_GNU_SOURCE -Icgi -Istore -Iforms $$(pkg-config --cflags libxml-2.0) \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -o build-fuzz/$$n $$f $(LIB_SRC) $(LIBS) || exit 1; \
	  mkdir -p build-fuzz/$$n.corpus; \
	  if ! build-fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    build-fuzz/$$n.corpus tests/corpus/$$n >build-fuzz/$$n.log 2>&1; then \
	    tail -40 build-fuzz/$$n.log; exit 1; fi; \
	  echo "$$n: $$(grep -o 'Done [0-9]* runs in [0-9]* second' build-fuzz/$$n.log), no crash"; \
	done

bench: deps deps-test all $(BUILD)/tests/bench_lmdb $(BUILD)/tests/bench_fill
	BUILD=$(abspath $(BUILD)) tests/bench.sh

# Refresh the vendored NL Design System CSS from npm (tests/package.json).
css:
	cd tests && npm ci --no-audit --no-fund
	tests/vendor-css.sh

clean:
	rm -rf build build-asan build-fuzz
