/** Mermaid and Graphviz DOT diagrams of a migration graph. */
package dev.ferry.dsl.render;
