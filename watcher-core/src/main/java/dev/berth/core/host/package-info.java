/**
 * Work on the host itself: running a program to its end, reading a process and its descendants.
 * Helpers that Berth and a reloader plugin may use; not part of the plugin SPI's contract, which
 * only speaks of containers and files.
 */
package dev.berth.core.host;
