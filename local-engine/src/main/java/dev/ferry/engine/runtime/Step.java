package dev.ferry.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a state goes next ({@code null}: the machine ends), with what. */
record Step(String next, JsonNode output) {}
