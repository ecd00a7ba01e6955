// kgctl: the command-line client of kg. Everything but this line lives in kg_cli.
#include "clients/kgctl/app.h"

int main(int argc, char** argv) { return kg::cli::KgctlMain(argc, argv); }
