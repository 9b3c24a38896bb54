# Man pages made from concur's own help by help2man: concur.1, and concur-COMMAND.1 per command.
# Run by the build (see the top-level CMakeLists.txt), never by hand:
#   cmake -DCONCUR=path/to/concur -DHELP2MAN=path/to/help2man -DOUTPUT_DIR=dir -DVERSION=x.y.z
#         [-DLAUNCHER=wrapper] -P man_pages.cmake
# The commands are not listed here: a word indented in `concur --help` is a command when
# `concur WORD --help` succeeds with a help of its own, so a new command gets its page unasked.

cmake_minimum_required(VERSION 3.25)

foreach(required CONCUR HELP2MAN OUTPUT_DIR VERSION)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "man_pages.cmake: -D${required}=... is required")
  endif()
endforeach()

# help2man runs its program through the shell: the launcher (tests/without_aslr.sh under TSan)
# goes in front of the binary in the same string.
set(program "${CONCUR}")
if(LAUNCHER)
  set(program "${LAUNCHER} ${CONCUR}")
endif()

function(help_of output_variable)
  execute_process(COMMAND ${LAUNCHER} ${CONCUR} ${ARGN} --help
                  OUTPUT_VARIABLE text RESULT_VARIABLE status ERROR_QUIET)
  if(NOT status EQUAL 0)
    set(text "")
  endif()
  set(${output_variable} "${text}" PARENT_SCOPE)
endfunction()

help_of(top_help)
if(top_help STREQUAL "")
  message(FATAL_ERROR "man_pages.cmake: '${program} --help' failed")
endif()

set(commands "")
string(REGEX MATCHALL "\n  [a-z][a-z0-9-]*" candidates "${top_help}")
foreach(candidate IN LISTS candidates)
  string(STRIP "${candidate}" word)
  if(word IN_LIST commands)
    continue()
  endif()
  help_of(command_help ${word})
  if(NOT command_help STREQUAL "" AND NOT command_help STREQUAL top_help)
    list(APPEND commands ${word})
    set(help_of_${word} "${command_help}")
  endif()
endforeach()
if(commands STREQUAL "")
  message(FATAL_ERROR "man_pages.cmake: found no command in '${program} --help'")
endif()

# A page's one-line NAME: its help's first sentence (less a leading "concur: "), up to the first
# ':', '.' or ' (', or the page's own name where the help starts with its usage line.
function(summary_of help fallback output_variable)
  string(REGEX REPLACE "\nUsage:.*" "" lead "${help}")
  string(REGEX REPLACE "[ \n]+" " " lead "${lead}")
  string(REGEX REPLACE "^concur: *" "" lead "${lead}")
  string(REGEX REPLACE "(:|\\.| \\().*" "" lead "${lead}")
  string(STRIP "${lead}" lead)
  if(lead STREQUAL "" OR help MATCHES "^Usage:")
    set(lead "${fallback}")
  endif()
  set(${output_variable} "${lead}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${OUTPUT_DIR}")
file(MAKE_DIRECTORY "${OUTPUT_DIR}")

# SEE ALSO on every page: the other pages, and where the manual lives. (\% keeps man from
# hyphenating a page's name at the end of a line.)
set(see_also ".BR concur (1)")
foreach(command IN LISTS commands)
  string(APPEND see_also ",\n.BR \\%concur\\-${command} (1)")
endforeach()
string(APPEND see_also ".\n.PP\nThe guide, with every option explained and what to do when things go wrong:\n"
                       ".I docs/guide.md\nin concur's source tree.\n")
file(WRITE "${OUTPUT_DIR}/see_also.h2m" "[SEE ALSO]\n${see_also}")

function(run_help2man page name)
  execute_process(COMMAND ${HELP2MAN} --no-info --include "${OUTPUT_DIR}/see_also.h2m"
                          --name "${name}" ${ARGN} --output "${OUTPUT_DIR}/${page}.1" "${program}"
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "man_pages.cmake: help2man failed for ${page}.1")
  endif()
endfunction()

summary_of("${top_help}" "concur" top_summary)
run_help2man(concur "${top_summary}")
foreach(command IN LISTS commands)
  summary_of("${help_of_${command}}" "concur ${command}" command_summary)
  run_help2man(concur-${command} "${command_summary}"
               --help-option "${command} --help" --version-string "concur-${command} ${VERSION}")
endforeach()
file(REMOVE "${OUTPUT_DIR}/see_also.h2m")
