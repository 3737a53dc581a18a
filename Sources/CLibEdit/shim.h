// Fixed-arity wrappers around libedit's variadic native API (histedit.h).
// Swift cannot call C variadic functions, and Swift 6 rejects direct use of
// mutable C globals such as stdin; everything Loupe needs goes through here.
#ifndef LOUPE_CLIBEDIT_SHIM_H
#define LOUPE_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <histedit.h>

typedef char *(*loupe_prompt_fn)(EditLine *);
typedef unsigned char (*loupe_editor_fn)(EditLine *, int);

static inline EditLine *loupe_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
static inline int loupe_el_set_prompt(EditLine *el, loupe_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}
static inline int loupe_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int loupe_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}
static inline int loupe_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
static inline int loupe_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *loupe_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}
static inline int loupe_el_add_function(EditLine *el, const char *name, const char *help, loupe_editor_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int loupe_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
/// Turns off the terminal's interrupt character while editing, so Ctrl-C
/// reaches the editor as a key that can be bound.
static inline int loupe_el_disable_interrupt_key(EditLine *el) {
    return el_set(el, EL_SETTY, "-d", "-intr", NULL);
}

static inline History *loupe_history_init(void) { return history_init(); }
static inline void loupe_history_end(History *h) { history_end(h); }
static inline int loupe_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int loupe_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}
static inline int loupe_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int loupe_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int loupe_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

static inline void loupe_el_end(EditLine *el) { el_end(el); }
static inline const char *loupe_el_gets(EditLine *el, int *count) { return el_gets(el, count); }
static inline const LineInfo *loupe_el_line(EditLine *el) { return el_line(el); }
static inline int loupe_el_insertstr(EditLine *el, const char *text) { return el_insertstr(el, text); }
static inline FILE *loupe_stdout(void) { return stdout; }

#endif
