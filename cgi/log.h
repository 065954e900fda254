/* log.h: one-line logs to stderr with time and level; never personal data or field values. */
#ifndef HALT_LOG_H
#define HALT_LOG_H

void	log_init(const char *progname);
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
/* With strerror(errno) appended. */
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Startup only: log and exit(1). */
void	log_fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
void	log_fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
