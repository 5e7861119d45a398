/**
 * Commands (picocli) and the one composition root that wires every stage by hand. Holds no pipeline logic.
 */
package org.tributary.cli;
