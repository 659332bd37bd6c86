package org.stationd.script.groovy.sandbox;

/**
 * A DSL builder ({@code program { }}, {@code state('x') { }}, {@code on}) that dispatches every
 * call by hand and answers unknown words with its usage: programs may call it by any name.
 */
public interface DslObject {}
