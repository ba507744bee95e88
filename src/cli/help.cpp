#include "cli/help.h"

#include "cli/commands_table.h"
#include "core/config_help.h"

namespace runway {

std::string render_help() {
  std::string out =
      "runway " RUNWAY_VERSION " - Flyway-compatible database migrations for SQLite and PostgreSQL\n"
      "\n"
      "Usage: runway [options] <command> [<command> ...]\n"
      "       runway -url=jdbc:sqlite:app.db -locations=filesystem:sql migrate info\n"
      "\n"
      "Commands:\n";
  for (const CommandInfo& command : command_table()) {
    std::string name(command.name);
    out += "  " + name + std::string(name.size() < 12 ? 12 - name.size() : 1, ' ') +
           std::string(command.summary) + "\n";
  }
  out +=
      "\n"
      "Flags:\n"
      "  -X              debug output\n"
      "  -q              quiet: warnings and errors only\n"
      "  -v, --version   print the version\n"
      "  -h, --help      this help\n"
      "\n"
      "Command-line only:\n"
      "  -configFiles=F1,F2      extra flyway.conf / flyway.toml files\n"
      "  -workingDirectory=DIR   base for relative locations and config files\n"
      "  -outputType=json        one JSON document on stdout, logs silenced\n"
      "  -outputLogsInJson=true  with -outputType=json: logs as JSON lines on stderr\n"
      "  -outputFile=FILE        also write the output to FILE\n"
      "  -infoSinceDate, -infoUntilDate (dd/MM/yyyy HH:mm), -infoSinceVersion,\n"
      "  -infoUntilVersion, -infoOfState=PENDING,FAILED, -migrationIds   filters for info\n"
      "\n"
      "Settings (-key=value, FLYWAY_* environment variables, flyway.conf, flyway.toml;\n"
      "command line wins over environment, which wins over files):\n";
  out += render_config_help();
  out +=
      "\nExit codes: 0 success, 1 error (including a failed validate, and the Flyway Teams\n"
      "settings runway rejects, such as licenseKey).\n";
  return out;
}

}  // namespace runway
