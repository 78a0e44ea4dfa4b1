/*
 * Reads its command line (picolibc's semihosting start-up asks the host with
 * SYS_GET_CMDLINE and splits it at spaces into argv[1..]; argv[0] is a fixed
 * placeholder) and exits with a status computed from it, so both the argument
 * passing and the SYS_EXIT path are checked by the exit code alone.
 *
 * The command line starts with the program's path, as the host was given it
 * (QEMU: the -kernel file, or the first semihosting arg=; the emulator: the
 * ELF path given to `run`), so argv[1] is that path. Its text depends on
 * where the guest is run from, so only its presence is printed; the arguments
 * proper start at argv[2].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    printf("command-line: argc=%d\n", argc);
    if (argc > 1)
        printf("argv[1] is the program path (%s)\n", strstr(argv[1], ".elf") ? "ends in .elf" : "no .elf in it");
    long number_sum = 0;
    unsigned character_sum = 0;
    for (int i = 2; i < argc; i++) {
        char *end;
        long number = strtol(argv[i], &end, 0);
        int is_number = *argv[i] != '\0' && *end == '\0';
        printf("argv[%d] = \"%s\" (%zu characters%s)\n", i, argv[i], strlen(argv[i]),
               is_number ? ", a number" : "");
        if (is_number)
            number_sum += number;
        for (const char *c = argv[i]; *c != '\0'; c++)
            character_sum += (unsigned char)*c;
    }
    /* 1..200: never 0 (success), never the 124 a timeout would give. */
    int status = (int)((number_sum + (long)character_sum + argc) % 199);
    if (status < 0)
        status += 199;
    status += 1;
    if (status == 124)
        status = 125;
    printf("number sum %ld, character sum %u, exit status %d\n", number_sum, character_sum, status);
    return status;
}
