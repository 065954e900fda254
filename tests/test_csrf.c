/* test_csrf.c: CSRF tokens (user, time window, tampering) and the secret file. */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "csrf.h"
#include "limits.h"

/* Some moment well inside a window, so "now + a bit" stays in it. */
#define T0	((time_t)1700000000 / HALT_CSRF_WINDOW * HALT_CSRF_WINDOW + 60)

static const unsigned char secret[CSRF_SECRET_LEN] = "0123456789abcdef0123456789abcde";

static char tmpdir[64];

static int
dir_setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/test_csrf.XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
dir_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
token_round_trip(void **state)
{
	char tok[CSRF_TOKEN_LEN + 1];
	size_t i;

	(void)state;
	assert_int_equal(csrf_token(secret, "officier", T0, tok, sizeof(tok)),
	    0);
	assert_int_equal(strlen(tok), CSRF_TOKEN_LEN);
	assert_int_equal(tok[10], '.');
	for (i = 0; i < 10; i++)
		assert_true(tok[i] >= '0' && tok[i] <= '9');
	assert_int_equal(strtoll(tok, NULL, 10), T0 / HALT_CSRF_WINDOW);
	for (i = 11; i < CSRF_TOKEN_LEN; i++)
		assert_non_null(strchr("0123456789abcdef", tok[i]));
	assert_int_equal(csrf_verify(secret, "officier", T0, tok), 0);
	assert_int_equal(csrf_verify(secret, "officier", T0 + 3600, tok), 0);
}

static void
token_is_the_same_within_a_window(void **state)
{
	char a[CSRF_TOKEN_LEN + 1], b[CSRF_TOKEN_LEN + 1];

	(void)state;
	assert_int_equal(csrf_token(secret, "admin", T0, a, sizeof(a)), 0);
	assert_int_equal(csrf_token(secret, "admin", T0 + 100, b, sizeof(b)),
	    0);
	assert_string_equal(a, b);
	assert_int_equal(csrf_token(secret, "admin", T0 + HALT_CSRF_WINDOW, b,
	    sizeof(b)), 0);
	assert_string_not_equal(a, b);
}

static void
another_users_token_is_refused(void **state)
{
	char tok[CSRF_TOKEN_LEN + 1];

	(void)state;
	assert_int_equal(csrf_token(secret, "officier", T0, tok, sizeof(tok)),
	    0);
	assert_int_equal(csrf_verify(secret, "officier2", T0, tok), -1);
	assert_int_equal(csrf_verify(secret, "officie", T0, tok), -1);
	assert_int_equal(csrf_verify(secret, "", T0, tok), -1);
}

static void
token_from_another_secret_is_refused(void **state)
{
	unsigned char other[CSRF_SECRET_LEN];
	char tok[CSRF_TOKEN_LEN + 1];

	(void)state;
	memcpy(other, secret, sizeof(other));
	other[0] ^= 1;
	assert_int_equal(csrf_token(other, "beheer", T0, tok, sizeof(tok)), 0);
	assert_int_equal(csrf_verify(secret, "beheer", T0, tok), -1);
}

static void
tampered_token_is_refused(void **state)
{
	char tok[CSRF_TOKEN_LEN + 1];
	size_t i;

	(void)state;
	assert_int_equal(csrf_token(secret, "medewerker", T0, tok,
	    sizeof(tok)), 0);
	/* Every single hex digit matters. */
	for (i = 11; i < CSRF_TOKEN_LEN; i++) {
		char save = tok[i];

		tok[i] = save == '0' ? '1' : '0';
		assert_int_equal(csrf_verify(secret, "medewerker", T0, tok),
		    -1);
		tok[i] = save;
	}
	assert_int_equal(csrf_verify(secret, "medewerker", T0, tok), 0);
}

static void
previous_window_is_accepted_older_and_future_refused(void **state)
{
	char tok[CSRF_TOKEN_LEN + 1];

	(void)state;
	assert_int_equal(csrf_token(secret, "contact", T0, tok, sizeof(tok)),
	    0);
	assert_int_equal(csrf_verify(secret, "contact",
	    T0 + HALT_CSRF_WINDOW, tok), 0);
	assert_int_equal(csrf_verify(secret, "contact",
	    T0 + 2 * HALT_CSRF_WINDOW, tok), -1);
	assert_int_equal(csrf_verify(secret, "contact",
	    T0 - HALT_CSRF_WINDOW, tok), -1);
}

static void
window_changed_with_a_recomputed_mac_is_still_refused(void **state)
{
	char tok[CSRF_TOKEN_LEN + 1];

	(void)state;
	/* Moving the window number forward without the secret breaks the MAC. */
	assert_int_equal(csrf_token(secret, "officier", T0, tok, sizeof(tok)),
	    0);
	snprintf(tok, 11, "%010lld",
	    (long long)(T0 / HALT_CSRF_WINDOW + 1));
	tok[10] = '.';
	assert_int_equal(csrf_verify(secret, "officier",
	    T0 + HALT_CSRF_WINDOW, tok), -1);
}

static void
malformed_tokens_are_refused(void **state)
{
	char tok[CSRF_TOKEN_LEN + 1], buf[CSRF_TOKEN_LEN + 8];

	(void)state;
	assert_int_equal(csrf_token(secret, "officier", T0, tok, sizeof(tok)),
	    0);
	assert_int_equal(csrf_verify(secret, "officier", T0, NULL), -1);
	assert_int_equal(csrf_verify(secret, "officier", T0, ""), -1);
	assert_int_equal(csrf_verify(secret, "officier", T0, "123.abc"), -1);

	/* short: one hex digit missing */
	memcpy(buf, tok, CSRF_TOKEN_LEN - 1);
	buf[CSRF_TOKEN_LEN - 1] = '\0';
	assert_int_equal(csrf_verify(secret, "officier", T0, buf), -1);

	/* overlong: one character added */
	snprintf(buf, sizeof(buf), "%s0", tok);
	assert_int_equal(csrf_verify(secret, "officier", T0, buf), -1);

	/* no dot */
	strcpy(buf, tok);
	buf[10] = '0';
	assert_int_equal(csrf_verify(secret, "officier", T0, buf), -1);

	/* non-hex and uppercase hex */
	strcpy(buf, tok);
	buf[40] = 'g';
	assert_int_equal(csrf_verify(secret, "officier", T0, buf), -1);
	strcpy(buf, tok);
	buf[20] = 'A';
	assert_int_equal(csrf_verify(secret, "officier", T0, buf), -1);

	/* a sign or space in the window */
	strcpy(buf, tok);
	buf[0] = '-';
	assert_int_equal(csrf_verify(secret, "officier", T0, buf), -1);
	strcpy(buf, tok);
	buf[0] = ' ';
	assert_int_equal(csrf_verify(secret, "officier", T0, buf), -1);
}

static void
token_needs_a_user_and_room(void **state)
{
	char tok[CSRF_TOKEN_LEN + 1];
	char user[HALT_USER_MAX + 2];

	(void)state;
	assert_int_equal(csrf_token(secret, "", T0, tok, sizeof(tok)), -1);
	assert_int_equal(csrf_token(secret, NULL, T0, tok, sizeof(tok)), -1);
	assert_int_equal(csrf_token(secret, "officier", T0, tok,
	    CSRF_TOKEN_LEN), -1);
	memset(user, 'u', HALT_USER_MAX + 1);
	user[HALT_USER_MAX + 1] = '\0';
	assert_int_equal(csrf_token(secret, user, T0, tok, sizeof(tok)), -1);
	user[HALT_USER_MAX] = '\0';
	assert_int_equal(csrf_token(secret, user, T0, tok, sizeof(tok)), 0);
	assert_int_equal(csrf_verify(secret, user, T0, tok), 0);
}

static void
secret_file_is_created_0600_and_stable(void **state)
{
	unsigned char a[CSRF_SECRET_LEN], b[CSRF_SECRET_LEN];
	unsigned char zero[CSRF_SECRET_LEN] = { 0 };
	char path[128];
	struct stat st;

	(void)state;
	snprintf(path, sizeof(path), "%s/csrf.key", tmpdir);
	assert_int_equal(csrf_secret_load(path, a), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, CSRF_SECRET_LEN);
	assert_memory_not_equal(a, zero, sizeof(a));
	assert_int_equal(csrf_secret_load(path, b), 0);
	assert_memory_equal(a, b, sizeof(a));
}

static void
secret_load_refuses_short_long_exposed_or_missing_dir(void **state)
{
	unsigned char s[CSRF_SECRET_LEN];
	char path[128];
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "%s/short.key", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "0123456789", 10), 10);
	close(fd);
	assert_int_equal(csrf_secret_load(path, s), -1);

	snprintf(path, sizeof(path), "%s/long.key", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, secret, CSRF_SECRET_LEN), CSRF_SECRET_LEN);
	assert_int_equal(write(fd, "x", 1), 1);
	close(fd);
	assert_int_equal(csrf_secret_load(path, s), -1);

	snprintf(path, sizeof(path), "%s/exposed.key", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, secret, CSRF_SECRET_LEN), CSRF_SECRET_LEN);
	assert_int_equal(fchmod(fd, 0644), 0);
	close(fd);
	assert_int_equal(csrf_secret_load(path, s), -1);

	snprintf(path, sizeof(path), "%s/good.key", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, secret, CSRF_SECRET_LEN), CSRF_SECRET_LEN);
	close(fd);
	assert_int_equal(csrf_secret_load(path, s), 0);
	assert_memory_equal(s, secret, CSRF_SECRET_LEN);

	snprintf(path, sizeof(path), "%s/dir.key", tmpdir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(csrf_secret_load(path, s), -1);

	snprintf(path, sizeof(path), "%s/nodir/csrf.key", tmpdir);
	assert_int_equal(csrf_secret_load(path, s), -1);
}

static void
secret_load_refuses_unreadable_file(void **state)
{
	unsigned char s[CSRF_SECRET_LEN];
	char path[128];
	int fd;

	(void)state;
	/* root reads anything: the check would prove nothing there. */
	if (geteuid() == 0)
		skip();
	snprintf(path, sizeof(path), "%s/unreadable.key", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0200);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, secret, CSRF_SECRET_LEN), CSRF_SECRET_LEN);
	close(fd);
	assert_int_equal(csrf_secret_load(path, s), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_round_trip),
		cmocka_unit_test(token_is_the_same_within_a_window),
		cmocka_unit_test(another_users_token_is_refused),
		cmocka_unit_test(token_from_another_secret_is_refused),
		cmocka_unit_test(tampered_token_is_refused),
		cmocka_unit_test(previous_window_is_accepted_older_and_future_refused),
		cmocka_unit_test(window_changed_with_a_recomputed_mac_is_still_refused),
		cmocka_unit_test(malformed_tokens_are_refused),
		cmocka_unit_test(token_needs_a_user_and_room),
		cmocka_unit_test(secret_file_is_created_0600_and_stable),
		cmocka_unit_test(secret_load_refuses_short_long_exposed_or_missing_dir),
		cmocka_unit_test(secret_load_refuses_unreadable_file),
	};

	return cmocka_run_group_tests(tests, dir_setup, dir_teardown);
}
