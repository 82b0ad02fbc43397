#include "cli/app.h"

int main(int argc, char** argv) {
  return nbr::cli::Run(argc, argv);
}
