/* A stand-in for the libcurl that pyproj's wheel links PROJ to (6 MB with its HTTP/2 library).
 * PROJ calls curl only to fetch grids from the network, and the bundle turns that off
 * (runtime_hook.py sets PROJ_NETWORK=OFF; the CRSs the app uses need no grid). These are the
 * five functions PROJ imports (packaging/linux_libs.py checks the list at build time); if PROJ
 * ever asked, curl_easy_init's NULL makes it report the grid as unavailable. */
#include <stddef.h>

#define CURLE_FAILED_INIT 2

void *curl_easy_init(void) { return NULL; }
void curl_easy_cleanup(void *handle) { (void)handle; }
int curl_easy_setopt(void *handle, int option, ...) { (void)handle; (void)option; return CURLE_FAILED_INIT; }
int curl_easy_perform(void *handle) { (void)handle; return CURLE_FAILED_INIT; }
int curl_easy_getinfo(void *handle, int info, ...) { (void)handle; (void)info; return CURLE_FAILED_INIT; }
