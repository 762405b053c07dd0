/*
 * gpio-lines /dev/gpiochipN -- prints what the kernel's GPIO character device reports: the chip's
 * label and line count, then one line per GPIO "offset name consumer flags". The VM tests use it to
 * see the chip exactly as relaybox sees it (uAPI v2 ioctls), and which lines relaybox holds.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/gpio.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: gpio-lines /dev/gpiochipN\n");
		return 2;
	}
	int fd = open(argv[1], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	struct gpiochip_info chip;
	memset(&chip, 0, sizeof chip);
	if (ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, &chip) < 0) {
		perror("GPIO_GET_CHIPINFO_IOCTL");
		return 1;
	}
	printf("chip %s label %s lines %u\n", chip.name, chip.label, chip.lines);
	for (unsigned offset = 0; offset < chip.lines; offset++) {
		struct gpio_v2_line_info line;
		memset(&line, 0, sizeof line);
		line.offset = offset;
		if (ioctl(fd, GPIO_V2_GET_LINEINFO_IOCTL, &line) < 0) {
			perror("GPIO_V2_GET_LINEINFO_IOCTL");
			return 1;
		}
		printf("%u %s %s 0x%llx\n", offset, line.name[0] ? line.name : "-",
		       line.consumer[0] ? line.consumer : "-", (unsigned long long)line.flags);
	}
	close(fd);
	return 0;
}
