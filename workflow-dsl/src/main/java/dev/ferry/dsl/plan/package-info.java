/** What a compiled migration will do and cost, for {@code ferry plan}. */
package dev.ferry.dsl.plan;
