package org.stationd.script.groovy.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Programs carry no annotations: an annotation can name an AST transformation ({@code @ASTTest},
 * {@code @Grab}, {@code @CompileStatic}…) that runs code or rewrites the program inside the
 * compiler, before anything else is checked, also during {@code ./stationd check}. The DSL needs
 * none. Runs right after parsing, before annotations are even resolved (an alias cannot hide
 * one), and the compiler stops at the end of that phase when it finds one.
 */
public final class AnnotationBan extends CompilationCustomizer {
    private final List<SourceUnit> importsChecked = new ArrayList<>();

    public AnnotationBan() {
        super(CompilePhase.CONVERSION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        Visitor v = new Visitor(source);
        if (!importsChecked.contains(source)) {
            importsChecked.add(source);
            v.module(source.getAST());
        }
        v.visitClass(classNode);
    }

    private static final class Visitor extends ClassCodeVisitorSupport {
        private final SourceUnit source;
        private final java.util.Set<AnnotationNode> reported = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

        Visitor(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        void module(ModuleNode module) {
            List<ImportNode> all = new ArrayList<>(module.getImports());
            all.addAll(module.getStarImports());
            all.addAll(module.getStaticImports().values());
            all.addAll(module.getStaticStarImports().values());
            all.forEach(this::visitAnnotations);
            if (module.getPackage() != null) visitAnnotations(module.getPackage());
        }

        @Override
        public void visitAnnotations(AnnotatedNode node) {
            for (AnnotationNode a : node.getAnnotations()) {
                if (a.getLineNumber() < 1 || !reported.add(a)) continue;  // the compiler's own (@BaseScript)
                addError("@" + a.getClassNode().getName() + ": programs cannot use annotations "
                        + "(they run compiler transformations)", a);
            }
        }

        @Override
        protected void visitConstructorOrMethod(org.codehaus.groovy.ast.MethodNode node, boolean isConstructor) {
            for (Parameter p : node.getParameters()) visitAnnotations(p);
            super.visitConstructorOrMethod(node, isConstructor);
        }

        @Override
        public void visitClosureExpression(ClosureExpression expression) {
            if (expression.getParameters() != null) {
                for (Parameter p : expression.getParameters()) visitAnnotations(p);
            }
            super.visitClosureExpression(expression);
        }
    }
}
