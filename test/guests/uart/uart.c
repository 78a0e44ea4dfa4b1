/*
 * Writes straight to the PL011 UART data register (UARTDR at 0x0900_0000 on
 * QEMU's virt board), polling the flag register (UARTFR, TXFF bit 5) first as a
 * driver would, interleaved with semihosting output, then powers off through
 * PSCI SYSTEM_OFF (HVC #0 with function id 0x8400_0008), exit status 0.
 */
#include <stdint.h>
#include <stdio.h>

#define PL011_BASE 0x09000000u
#define UARTDR (*(volatile uint32_t *)(uintptr_t)(PL011_BASE + 0x000))
#define UARTFR (*(volatile uint32_t *)(uintptr_t)(PL011_BASE + 0x018))
#define UARTFR_TXFF (1u << 5)
#define PSCI_SYSTEM_OFF 0x84000008u

static void uart_putc(char c)
{
    while (UARTFR & UARTFR_TXFF)
        ;
    UARTDR = (uint8_t)c;
}

static void uart_puts(const char *s)
{
    while (*s != '\0')
        uart_putc(*s++);
}

static void uart_put_hex(uint32_t value)
{
    for (int shift = 28; shift >= 0; shift -= 4)
        uart_putc("0123456789abcdef"[(value >> shift) & 0xf]);
}

static __attribute__((noreturn)) void psci_system_off(void)
{
    register uint64_t function_id __asm__("x0") = PSCI_SYSTEM_OFF;
    __asm__ volatile("hvc #0" : "+r"(function_id) : : "memory");
    /* SYSTEM_OFF does not return; if it did, say so and stop. */
    printf("PSCI SYSTEM_OFF returned %ld\n", (long)function_id);
    for (;;)
        __asm__ volatile("wfi");
}

int main(void)
{
    printf("uart: semihosting line 1\n");
    uart_puts("uart: hello from the PL011\n");
    printf("uart: semihosting line 2\n");
    for (uint32_t i = 0; i < 4; i++) {
        uart_puts("uart: line ");
        uart_putc((char)('0' + i));
        uart_puts(" value 0x");
        uart_put_hex(0x9e3779b9u * (i + 1));
        uart_puts("\r\n");
    }
    uart_puts("uart: bytes \x01\x7f\xff end\n");
    fflush(stdout);
    psci_system_off();
}
