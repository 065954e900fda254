/* test_app_support.c: unit tests for the app's small modules: arena, config, person keys. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "config.h"
#include "persoon.h"

static void
arena_allocations_are_aligned_zeroed_and_survive_large_blocks(void **state)
{
	struct arena *a = arena_new();
	char *p, *big;
	int i;

	assert_non_null(a);
	for (i = 0; i < 1000; i++) {
		p = arena_alloc(a, 7);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		assert_memory_equal(p, "\0\0\0\0\0\0\0", 7);
		memset(p, 'x', 7);
	}
	big = arena_alloc(a, 100000);
	assert_non_null(big);
	memset(big, 1, 100000);
	assert_string_equal(arena_printf(a, "%s-%d", "Z", 7), "Z-7");
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	arena_reset(a);
	p = arena_alloc(a, 16);
	assert_non_null(p);
	assert_memory_equal(p, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	arena_free(a);
}

static char *
write_temp(const char *text)
{
	static char path[64];
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "/tmp/halt-conf-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

static void
config_missing_file_gives_the_ten_police_units(void **state)
{
	struct config c;
	char err[256];

	assert_int_equal(config_load("/nonexistent/halt.conf", &c, err, sizeof(err)), 0);
	assert_int_equal(c.nwerkgebieden, 10);
	assert_true(config_werkgebied_valid(&c, "Midden-Nederland"));
	assert_true(config_werkgebied_valid(&c, "Zeeland-West-Brabant"));
	assert_false(config_werkgebied_valid(&c, "Utrecht"));
	assert_int_equal(c.bewaartermijn_jaren, 5);
	config_free(&c);
}

static void
config_own_werkgebieden_replace_the_default_list(void **state)
{
	struct config c;
	char err[256], *path;

	path = write_temp("# test\nwerkgebied = Utrecht\nwerkgebied = Flevoland\n"
	    "contact_naam = Test Persoon\nthreads = 3\nmapsize_mb = 2\n");
	assert_int_equal(config_load(path, &c, err, sizeof(err)), 0);
	assert_int_equal(c.nwerkgebieden, 2);
	assert_true(config_werkgebied_valid(&c, "Flevoland"));
	assert_false(config_werkgebied_valid(&c, "Limburg"));
	assert_string_equal(c.contact_naam, "Test Persoon");
	assert_int_equal(c.threads, 3);
	assert_int_equal(c.mapsize, 2 * 1024 * 1024);
	config_free(&c);
	unlink(path);
}

static void
config_errors_name_the_line(void **state)
{
	struct config c;
	char err[256], *path;

	path = write_temp("threads = 4\nthreads = veel\n");
	assert_int_equal(config_load(path, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":2:"));
	unlink(path);
	path = write_temp("kleur = rood\n");
	assert_int_equal(config_load(path, &c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown key"));
	unlink(path);
	path = write_temp("zonder is-teken\n");
	assert_int_equal(config_load(path, &c, err, sizeof(err)), -1);
	unlink(path);
}

static const unsigned char secret[CSRF_SECRET_LEN] = "0123456789abcdef0123456789abcde";

static void
persoon_keys_match_across_case_spaces_hyphens_and_accents(void **state)
{
	char a[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1], b[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1];

	assert_int_equal(persoon_keys(secret, NULL, "Jan-Willem", "de  Vries",
	    "2010-05-01", a), 1);
	assert_int_equal(persoon_keys(secret, "", " jan willem", "De Vries ",
	    "2010-05-01", b), 1);
	assert_string_equal(a[0], b[0]);
	assert_int_equal(persoon_keys(secret, NULL, "Zoë", "Çelik", "2010-05-01", a), 1);
	assert_int_equal(persoon_keys(secret, NULL, "zoe", "celik", "2010-05-01", b), 1);
	assert_string_equal(a[0], b[0]);
}

static void
persoon_keys_differ_by_birth_date_and_secret_and_hide_the_name(void **state)
{
	char a[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1], b[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1];
	unsigned char other[CSRF_SECRET_LEN] = "another secret of 32 bytes long";

	persoon_keys(secret, NULL, "Sam", "Jansen", "2010-05-01", a);
	persoon_keys(secret, NULL, "Sam", "Jansen", "2010-05-02", b);
	assert_string_not_equal(a[0], b[0]);
	persoon_keys(other, NULL, "Sam", "Jansen", "2010-05-01", b);
	assert_string_not_equal(a[0], b[0]);
	assert_null(strstr(a[0], "jansen"));
	assert_int_equal(strncmp(a[0], "nam:", 4), 0);
	assert_int_equal(strlen(a[0]), PERSOON_KEY_LEN);
}

static void
persoon_skn_gives_a_second_key(void **state)
{
	char a[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1], b[PERSOON_KEYS_MAX][PERSOON_KEY_LEN + 1];

	assert_int_equal(persoon_keys(secret, "SKN-123", "Sam", "Jansen", "2010-05-01", a), 2);
	assert_int_equal(persoon_keys(secret, "skn 123", "Kim", "Bakker", "2011-01-01", b), 2);
	assert_int_equal(strncmp(a[0], "skn:", 4), 0);
	assert_string_equal(a[0], b[0]);
	assert_string_not_equal(a[1], b[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_allocations_are_aligned_zeroed_and_survive_large_blocks),
		cmocka_unit_test(config_missing_file_gives_the_ten_police_units),
		cmocka_unit_test(config_own_werkgebieden_replace_the_default_list),
		cmocka_unit_test(config_errors_name_the_line),
		cmocka_unit_test(persoon_keys_match_across_case_spaces_hyphens_and_accents),
		cmocka_unit_test(persoon_keys_differ_by_birth_date_and_secret_and_hide_the_name),
		cmocka_unit_test(persoon_skn_gives_a_second_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
