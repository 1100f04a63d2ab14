/** The immutable migration graph: typed step nodes and happy, failure, compensation and poll edges. */
package dev.ferry.dsl.graph;
