/**
 * The Amazon States Language (ASL) model: an immutable, typed picture of a state machine definition
 * ({@link dev.ferry.asl.StateMachine}, the sealed {@link dev.ferry.asl.State} family), its JSON form
 * ({@link dev.ferry.asl.AslJson}) and structural checks ({@link dev.ferry.asl.AslValidator}).
 *
 * <p>Records carry ASL field values as they appear in a definition; absent optional fields are
 * {@link java.util.Optional#empty()} or empty lists. Payload templates (Parameters, Arguments,
 * ResultSelector, Result, Output, Assign, ...) are Jackson {@link com.fasterxml.jackson.databind.JsonNode}s,
 * copied on construction; treat the nodes returned by accessors as read-only.
 */
package dev.ferry.asl;
