/* TEST ONLY: a stand-in for Windows' own icuuc.dll, which Qt6Core.dll imports (Windows 10
 * 1703+ ships it; Wine 8 has none). Built into the Wine prefix's system32 by build.sh so the
 * bundle can start under Wine. It converts nothing: opening a converter fails, so Qt falls
 * back to its built-in UTF-8/UTF-16/Latin-1 codecs. It must never enter the bundle; build.sh
 * checks that it did not. */
#define U_UNSUPPORTED_ERROR 16
#define API __declspec(dllexport)
API void *ucnv_open(const char *name, int *err) { (void)name; if (err) *err = U_UNSUPPORTED_ERROR; return 0; }
API void ucnv_close(void *c) { (void)c; }
API void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
API void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
API void ucnv_reset(void *c) { (void)c; }
API signed char ucnv_getMaxCharSize(void *c) { (void)c; return 1; }
API const char *ucnv_getName(void *c, int *err) { (void)c; if (err) *err = U_UNSUPPORTED_ERROR; return ""; }
API void ucnv_getToUCallBack(void) {}
API void ucnv_getFromUCallBack(void) {}
API void ucnv_setToUCallBack(void *c, void *a, void *b, void *d, void *e, int *err) { (void)c; (void)a; (void)b; (void)d; (void)e; if (err) *err = U_UNSUPPORTED_ERROR; }
API void ucnv_setFromUCallBack(void *c, void *a, void *b, void *d, void *e, int *err) { (void)c; (void)a; (void)b; (void)d; (void)e; if (err) *err = U_UNSUPPORTED_ERROR; }
API void ucnv_cbToUWriteUChars(void) {}
API void ucnv_toUnicode(void) {}
API void ucnv_cbFromUWriteUChars(void) {}
API int ucnv_toUCountPending(void *c, int *err) { (void)c; (void)err; return 0; }
API int ucnv_fromUCountPending(void *c, int *err) { (void)c; (void)err; return 0; }
API const char *ucnv_getStandardName(const char *n, const char *s, int *err) { (void)n; (void)s; (void)err; return 0; }
API const char *ucnv_getAvailableName(int i) { (void)i; return 0; }
API int ucnv_countAvailable(void) { return 0; }
API void ucnv_fromUnicode(void) {}
