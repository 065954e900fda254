/* arena.h: request-scoped memory, freed in one place at the end of a request. */
#ifndef HALT_ARENA_H
#define HALT_ARENA_H

#include <stddef.h>

struct arena;

/* A new, empty arena; NULL when out of memory. Free with arena_free(). */
struct arena	*arena_new(void);

/*
 * Memory from the arena, aligned for any type, zero-filled. NULL when out
 * of memory. Valid until arena_reset() or arena_free() on the same arena.
 */
void		*arena_alloc(struct arena *, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Forget every allocation but keep the first block for the next request. */
void		 arena_reset(struct arena *);
void		 arena_free(struct arena *);

#endif
