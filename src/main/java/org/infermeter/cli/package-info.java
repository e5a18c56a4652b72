/** picocli commands: parse arguments, wire the rooms together, print. No measuring or statistics here. */
package org.infermeter.cli;
