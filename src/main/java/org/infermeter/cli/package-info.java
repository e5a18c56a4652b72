/**
 * picocli commands: parse arguments, wire the rooms together, print. No measuring or statistics here.
 * The only room that may depend on every other; nothing depends on it. It also starts the in-process
 * simulator for a campaign's {@code simulate:} providers ({@link org.infermeter.cli.InProcessSimulator}).
 */
package org.infermeter.cli;
