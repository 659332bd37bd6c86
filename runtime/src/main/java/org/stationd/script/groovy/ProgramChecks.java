package org.stationd.script.groovy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.stationd.script.HandlerNames;

/**
 * Compile-time checks on a program script, reported with exact line:column:
 * <ul>
 * <li>{@code on.dtfm { }}: unknown handler names, with a suggestion;</li>
 * <li>the guard rails below;</li>
 * <li>it also collects {@code go 'literal'} targets, checked against the states once the
 *     program is declared.</li>
 * </ul>
 *
 * <p>Guard rails that explain, at compile time with line:column, the misuse a volunteer might
 * write: stopping the JVM ({@code System.exit}), running commands ({@code 'ls'.execute()}), files
 * and sockets ({@code java.io}, {@code java.nio}, {@code java.net}), threads and waiting
 * ({@code Thread}, {@code java.util.concurrent}, {@code sleep}), reflection and class loading,
 * {@code metaClass} changes, and stationd's internals. They read the source only; the security
 * boundary is the sandbox (package {@code sandbox}), which checks every call while the program
 * runs, so dynamic Groovy ({@code this."${name}"()}, {@code invokeMethod}) cannot reach around them.
 */
final class ProgramChecks extends CompilationCustomizer {
    /** A {@code go 'x'} with a literal target, and where it is written. */
    record GoTarget(String state, int line, int column) {}

    private static final String IO = "programs do not touch files or the network: use station.store for data and call.play for media";
    private static final String THREADS = "programs do not start threads or wait: use station.after(seconds, 'name') and on.timer";
    private static final String PROCESS = "programs cannot stop stationd, run commands or read the environment";
    private static final String REFLECTION = "programs cannot load classes, use reflection or evaluate code";
    private static final String META = "programs cannot change classes through metaClass: it would change them for every station";
    private static final String INTERNALS = "programs use only the scripting API (org.stationd.api)";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("java.lang.System", PROCESS), Map.entry("java.lang.Runtime", PROCESS),
            Map.entry("java.lang.ProcessBuilder", PROCESS), Map.entry("java.lang.Process", PROCESS),
            Map.entry("java.lang.ProcessHandle", PROCESS),
            Map.entry("java.lang.Thread", THREADS), Map.entry("java.lang.ThreadGroup", THREADS),
            Map.entry("java.util.Timer", THREADS),
            Map.entry("java.lang.Class", REFLECTION), Map.entry("java.lang.ClassLoader", REFLECTION),
            Map.entry("java.lang.Module", REFLECTION), Map.entry("java.lang.ModuleLayer", REFLECTION),
            Map.entry("groovy.lang.GroovyShell", REFLECTION), Map.entry("groovy.lang.GroovyClassLoader", REFLECTION),
            Map.entry("groovy.util.Eval", REFLECTION), Map.entry("groovy.util.GroovyScriptEngine", REFLECTION),
            Map.entry("groovy.lang.GroovySystem", META), Map.entry("groovy.lang.ExpandoMetaClass", META));
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("java.io.", IO), Map.entry("java.nio.", IO), Map.entry("java.net.", IO),
            Map.entry("java.sql.", IO), Map.entry("javax.", IO), Map.entry("groovy.io.", IO), Map.entry("groovy.sql.", IO),
            Map.entry("java.util.concurrent.", THREADS),
            Map.entry("java.lang.reflect.", REFLECTION), Map.entry("java.lang.invoke.", REFLECTION),
            Map.entry("sun.", REFLECTION), Map.entry("jdk.", REFLECTION), Map.entry("com.sun.", REFLECTION),
            Map.entry("org.codehaus.groovy.", REFLECTION), Map.entry("groovy.grape.", REFLECTION),
            Map.entry("org.graalvm.", INTERNALS), Map.entry("org.stationd.", INTERNALS));
    private static final Map<String, String> METHODS = Map.ofEntries(
            Map.entry("exit", PROCESS), Map.entry("halt", PROCESS), Map.entry("execute", PROCESS),
            Map.entry("getenv", PROCESS),
            Map.entry("sleep", THREADS),
            Map.entry("forName", REFLECTION), Map.entry("loadClass", REFLECTION), Map.entry("getClassLoader", REFLECTION),
            Map.entry("newInstance", REFLECTION), Map.entry("setAccessible", REFLECTION),
            Map.entry("getDeclaredMethod", REFLECTION), Map.entry("getDeclaredMethods", REFLECTION),
            Map.entry("getDeclaredField", REFLECTION), Map.entry("getDeclaredFields", REFLECTION),
            Map.entry("getDeclaredConstructor", REFLECTION), Map.entry("evaluate", REFLECTION),
            Map.entry("getMetaClass", META), Map.entry("setMetaClass", META));
    private static final Map<String, String> PROPERTIES = Map.of("metaClass", META, "classLoader", REFLECTION);

    private final List<GoTarget> goTargets = new ArrayList<>();
    private boolean importsChecked;

    ProgramChecks() {
        super(CompilePhase.CANONICALIZATION);
    }

    List<GoTarget> goTargets() {
        return goTargets;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        Visitor v = new Visitor(source);
        if (!importsChecked) {
            importsChecked = true;
            v.checkImports(source.getAST());
        }
        v.visitClass(classNode);
    }

    static String forbidden(ClassNode type) {
        ClassNode t = type;
        while (t.isArray()) t = t.getComponentType();
        String name = t.getName();
        String reason = TYPES.get(name);
        if (reason != null) return reason;
        if (name.startsWith("org.stationd.api.")) return null;
        for (Map.Entry<String, String> p : PACKAGES.entrySet()) {
            if (name.startsWith(p.getKey())) return p.getValue();
        }
        return null;
    }

    private final class Visitor extends ClassCodeVisitorSupport {
        private final SourceUnit source;

        Visitor(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        void checkImports(ModuleNode module) {
            for (ImportNode i : org.stationd.script.groovy.sandbox.ModuleImports.of(module)) {
                String reason = i.getType() != null ? forbidden(i.getType()) : forbiddenPackage(i.getPackageName());
                if (reason != null) {
                    String what = i.isStar() ? i.getPackageName() + "*" : i.getClassName();
                    report("import " + what + ": " + reason, i);
                }
            }
        }

        private String forbiddenPackage(String pkg) {
            if (pkg == null) return null;
            if (pkg.startsWith("org.stationd.api.")) return null;
            for (Map.Entry<String, String> p : PACKAGES.entrySet()) {
                if (pkg.startsWith(p.getKey())) return p.getValue();
            }
            return null;
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String name = call.getMethodAsString();
            if (name != null && written(call)) {
                Expression receiver = call.getObjectExpression();
                if (receiver instanceof VariableExpression v && v.getName().equals("on") && !call.isImplicitThis()) {
                    if (!name.equals("esl") && HandlerNames.event(name) == null) {
                        report(HandlerNames.unknownEvent(name), at(call.getMethod(), call));
                    }
                }
                String reason = METHODS.get(name);
                if (reason != null) {
                    report(name + "(…): " + reason, at(call.getMethod(), call));
                }
                if (name.equals("go") && call.isImplicitThis()
                        && call.getArguments() instanceof ArgumentListExpression args
                        && args.getExpressions().size() == 1
                        && args.getExpression(0) instanceof ConstantExpression c && c.getValue() instanceof String s) {
                    goTargets.add(new GoTarget(s, c.getLineNumber(), c.getColumnNumber()));
                }
            }
            super.visitMethodCallExpression(call);
        }

        @Override
        public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            if (written(call)) {
                String reason = METHODS.get(call.getMethod());
                if (reason == null) reason = forbidden(call.getOwnerType());
                if (reason != null) report(call.getMethod() + "(…): " + reason, call);
            }
            super.visitStaticMethodCallExpression(call);
        }

        @Override
        public void visitConstructorCallExpression(ConstructorCallExpression call) {
            if (written(call)) {
                String reason = forbidden(call.getType());
                if (reason != null) report("new " + call.getType().getNameWithoutPackage() + "(…): " + reason, call);
            }
            super.visitConstructorCallExpression(call);
        }

        @Override
        public void visitClassExpression(ClassExpression expression) {
            if (written(expression)) {
                String reason = forbidden(expression.getType());
                if (reason != null) report(expression.getType().getNameWithoutPackage() + ": " + reason, expression);
            }
            super.visitClassExpression(expression);
        }

        @Override
        public void visitPropertyExpression(PropertyExpression expression) {
            String name = expression.getPropertyAsString();
            if (name != null && written(expression)) {
                String reason = PROPERTIES.get(name);
                if (reason != null) report(name + ": " + reason, at(expression.getProperty(), expression));
            }
            super.visitPropertyExpression(expression);
        }

        /** Code the author wrote; compiler-generated code (ThreadInterrupt's checks) has no position. */
        private boolean written(ASTNode node) {
            return node.getLineNumber() > 0;
        }

        private ASTNode at(ASTNode preferred, ASTNode fallback) {
            return preferred.getLineNumber() > 0 ? preferred : fallback;
        }

        private void report(String message, ASTNode node) {
            addError(message, node);
        }
    }
}
