package org.stationd.script.groovy.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.FieldNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.SpreadExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Types;

/**
 * Compiles a program so that everything it does to an object goes through the {@link Checker}:
 * method calls with a receiver ({@code x.m()}, {@code x?.m()}, {@code x*.m()}, {@code x."$name"()},
 * {@code Math.max()}), property and attribute reads and writes (also {@code +=}, {@code ++}),
 * subscripts, closure calls and the regex operators. Calls without a receiver resolve on the
 * program itself (its DSL, its methods); those that would reach one of Groovy's own methods
 * ({@code sleep}, {@code evaluate}, {@code invokeMethod}…) are refused here when the name is
 * written, by the Checker when it is computed. Types a program names (declarations, casts,
 * {@code new}, class literals, imports, superclasses) must be on the {@link Policy}'s list, the
 * API's or the program's own: a Groovy cast can construct any class ({@code File f = ['/x']}).
 * Method pointers ({@code .&}) are refused: they call without asking.
 */
public final class SandboxTransformer extends CompilationCustomizer {
    private static final ClassNode CHECKER = ClassHelper.make(Checker.class);
    private static final Map<Integer, String> COMPOUND = Map.ofEntries(Map.entry(Types.PLUS_EQUAL, "plus"),
            Map.entry(Types.MINUS_EQUAL, "minus"), Map.entry(Types.MULTIPLY_EQUAL, "multiply"),
            Map.entry(Types.DIVIDE_EQUAL, "div"), Map.entry(Types.INTDIV_EQUAL, "intdiv"), Map.entry(Types.MOD_EQUAL, "mod"),
            Map.entry(Types.POWER_EQUAL, "power"),
            Map.entry(Types.LEFT_SHIFT_EQUAL, "leftShift"), Map.entry(Types.RIGHT_SHIFT_EQUAL, "rightShift"),
            Map.entry(Types.RIGHT_SHIFT_UNSIGNED_EQUAL, "rightShiftUnsigned"), Map.entry(Types.BITWISE_AND_EQUAL, "and"),
            Map.entry(Types.BITWISE_OR_EQUAL, "or"), Map.entry(Types.BITWISE_XOR_EQUAL, "xor"),
            Map.entry(Types.ELVIS_EQUAL, "elvis"));

    /** A class the loader hides reads as a variable ({@code org.stationd.cli.Main}): say what it is. */
    private static final java.util.Set<String> PACKAGE_ROOTS = java.util.Set.of("org", "com", "net", "java", "javax",
            "jdk", "sun", "groovy", "io");

    /** Methods that, defined in a class, change how Groovy dispatches to it (or run on the finalizer thread). */
    private static final java.util.Set<String> DISPATCH_METHODS = java.util.Set.of("invokeMethod", "getProperty",
            "setProperty", "getMetaClass", "setMetaClass", "methodMissing", "propertyMissing", "finalize");

    private final List<SourceUnit> importsChecked = new ArrayList<>();

    public SandboxTransformer() {
        super(CompilePhase.CANONICALIZATION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        Rewriter r = new Rewriter(source);
        if (!importsChecked.contains(source)) {
            importsChecked.add(source);
            r.imports(source.getAST());
        }
        r.visitClass(classNode);
    }

    private static final class Rewriter extends ClassCodeExpressionTransformer {
        private final SourceUnit source;

        Rewriter(SourceUnit source) {
            this.source = source;
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        void imports(ModuleNode module) {
            for (ImportNode i : ModuleImports.of(module)) {
                if (i.getType() != null) checkType(i.getType(), i, "import " + i.getType().getName());
            }
        }

        @Override
        public void visitClass(ClassNode node) {
            if (node.getLineNumber() > 0) {
                if (node.isEnum()) refuse("enum " + node.getNameWithoutPackage() + ": programs declare no enums", node);
                ClassNode sup = node.getUnresolvedSuperClass();
                if (sup != null && !node.isScript() && !sup.equals(ClassHelper.OBJECT_TYPE)) {
                    checkType(sup, node, "extends " + sup.getName());
                }
                for (ClassNode i : node.getInterfaces()) checkType(i, node, "implements " + i.getName());
            }
            super.visitClass(node);
        }

        @Override
        public void visitField(FieldNode node) {
            if (node.getLineNumber() > 0) checkType(node.getOriginType(), node, node.getName());
            super.visitField(node);
        }

        @Override
        protected void visitConstructorOrMethod(MethodNode node, boolean isConstructor) {
            ClassNode owner = node.getDeclaringClass();
            if (node.getLineNumber() < 1 && owner.isScript() && (isConstructor || node.getName().equals("main"))) {
                return;  // generated by the compiler (the script's main and constructors), not written by the program
            }
            if (node.getLineNumber() > 0) {
                if (!isConstructor && DISPATCH_METHODS.contains(node.getName())) {
                    refuse(node.getName() + ": a program cannot define a method of that name "
                            + "(it would change how Groovy calls it)", node);
                }
                if (!isConstructor) checkType(node.getReturnType(), node, node.getName());
                for (Parameter p : node.getParameters()) checkType(p.getOriginType(), p.getLineNumber() > 0 ? p : node, p.getName());
            }
            super.visitConstructorOrMethod(node, isConstructor);
        }

        @Override
        public void visitCatchStatement(CatchStatement statement) {
            ClassNode t = statement.getVariable().getOriginType();
            if (!t.getName().endsWith("Exception") && !t.getName().endsWith("Error")) {  // catching one runs nothing
                checkType(t, statement, "catch " + t.getName());
            }
            super.visitCatchStatement(statement);
        }

        @Override
        public void visitForLoop(ForStatement loop) {
            Parameter v = loop.getVariable();
            if (v != null && v != ForStatement.FOR_LOOP_DUMMY) checkType(v.getOriginType(), loop, v.getName());
            super.visitForLoop(loop);
        }

        @Override
        public Expression transform(Expression e) {
            if (e == null) return null;
            if (e instanceof StaticMethodCallExpression s && s.getOwnerType().equals(CHECKER)) return e;  // ours already
            if (e instanceof ClosureExpression c) return closure(c);
            if (e instanceof MethodPointerExpression) {
                refuse("method pointers (.&, ::) are not allowed in a program: call the method, or wrap it in a closure { }", e);
                return e;
            }
            if (e instanceof DeclarationExpression d) return declaration(d);
            if (e instanceof BinaryExpression b) return binary(b);
            if (e instanceof PrefixExpression p) return step(p.getExpression(), p.getOperation().getType(), true, p);
            if (e instanceof PostfixExpression p) return step(p.getExpression(), p.getOperation().getType(), false, p);
            if (e instanceof MethodCallExpression m) return methodCall(m);
            if (e instanceof StaticMethodCallExpression s) return staticCall(s);
            if (e instanceof ConstructorCallExpression c) {
                if (!c.isSpecialCall()) checkType(c.getType(), c, "new " + c.getType().getName());
                return c.transformExpression(this);
            }
            if (e instanceof AttributeExpression a) return property("getAttribute", a);
            if (e instanceof PropertyExpression p) return property("getProperty", p);
            if (e instanceof CastExpression c) {
                checkType(c.getType(), c, "as " + c.getType().getName());
                return c.transformExpression(this);
            }
            if (e instanceof ClassExpression c) {
                checkType(c.getType(), c, c.getType().getName());
                return c;
            }
            if (e instanceof VariableExpression v) {
                checkVariable(v);
                return v;
            }
            return e.transformExpression(this);
        }

        private Expression closure(ClosureExpression c) {
            if (c.getParameters() != null) {
                for (Parameter p : c.getParameters()) {
                    checkType(p.getOriginType(), c, p.getName());
                    if (p.hasInitialExpression()) p.setInitialExpression(transform(p.getInitialExpression()));
                }
            }
            c.getCode().visit(this);
            return c;
        }

        private Expression declaration(DeclarationExpression d) {
            if (d.isMultipleAssignmentDeclaration()) {
                for (Expression v : d.getTupleExpression().getExpressions()) {
                    checkType(((VariableExpression) v).getOriginType(), d, ((VariableExpression) v).getName());
                }
            } else {
                VariableExpression v = d.getVariableExpression();
                checkType(v.getOriginType(), d, v.getName());
            }
            d.setRightExpression(transform(d.getRightExpression()));
            return d;
        }

        private Expression binary(BinaryExpression b) {
            int op = b.getOperation().getType();
            Expression left = b.getLeftExpression();
            if (op == Types.ASSIGN || COMPOUND.containsKey(op)) {
                String compound = COMPOUND.get(op);
                Expression value = transform(b.getRightExpression());
                if (left instanceof PropertyExpression p && !isSuper(p.getObjectExpression())) {
                    boolean attribute = p instanceof AttributeExpression;
                    if (compound != null && attribute) refuse("compound assignment to an attribute (.@)", b);
                    return compound == null
                            ? checker(attribute ? "setAttribute" : "setProperty", b, transform(p.getObjectExpression()),
                                    transform(p.getProperty()), bool(p.isSafe()), bool(p.isSpreadSafe()), value)
                            : checker("setPropertyOp", b, transform(p.getObjectExpression()), transform(p.getProperty()),
                                    bool(p.isSafe()), bool(p.isSpreadSafe()), new ConstantExpression(compound), value);
                }
                if (left instanceof BinaryExpression s && s.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                    return compound == null
                            ? checker("putAt", b, transform(s.getLeftExpression()), transform(s.getRightExpression()), value)
                            : checker("putAtOp", b, transform(s.getLeftExpression()), transform(s.getRightExpression()),
                                    new ConstantExpression(compound), value);
                }
                if (left instanceof VariableExpression v) {
                    checkVariable(v);
                } else if (left instanceof TupleExpression t) {
                    for (Expression x : t.getExpressions()) {
                        if (x instanceof VariableExpression v) checkVariable(v);
                        else refuse("a multiple assignment assigns variables only", x);
                    }
                } else if (!(left instanceof PropertyExpression)) {
                    left = transform(left);
                }
                b.setLeftExpression(left);
                b.setRightExpression(value);
                return b;
            }
            if (op == Types.LEFT_SQUARE_BRACKET) {
                return checker("getAt", b, transform(left), transform(b.getRightExpression()), bool(b.isSafe()));
            }
            if (op == Types.FIND_REGEX) return checker("findRegex", b, transform(left), transform(b.getRightExpression()));
            if (op == Types.MATCH_REGEX) return checker("matchRegex", b, transform(left), transform(b.getRightExpression()));
            return b.transformExpression(this);
        }

        /** {@code x.y++}, {@code --x[i]}; a variable's step is left to Groovy. */
        private Expression step(Expression operand, int op, boolean prefix, Expression original) {
            String method = op == Types.PLUS_PLUS ? "next" : "previous";
            if (operand instanceof PropertyExpression p && !(p instanceof AttributeExpression) && !isSuper(p.getObjectExpression())) {
                return checker("stepProperty", original, transform(p.getObjectExpression()), transform(p.getProperty()),
                        bool(p.isSafe()), new ConstantExpression(method), bool(prefix));
            }
            if (operand instanceof BinaryExpression s && s.getOperation().getType() == Types.LEFT_SQUARE_BRACKET) {
                return checker("stepAt", original, transform(s.getLeftExpression()), transform(s.getRightExpression()),
                        new ConstantExpression(method), bool(prefix));
            }
            if (operand instanceof VariableExpression v) {
                checkVariable(v);
                return original;
            }
            refuse("++/-- on this expression", original);
            return original;
        }

        private Expression methodCall(MethodCallExpression m) {
            Expression receiver = m.getObjectExpression();
            if (m.isImplicitThis() && isThis(receiver)) {
                m.setArguments(transform(m.getArguments()));
                if (m.getMethod() instanceof ConstantExpression c) {
                    String name = c.getText();
                    if (!Policy.implicitMethod(name)) refuse(name + "(…): not allowed in a program", c.getLineNumber() > 0 ? c : m);
                } else {
                    Expression name = checker("implicitName", m.getMethod(), transform(m.getMethod()));
                    m.setMethod(name);
                }
                return m;
            }
            if (isSuper(receiver)) {
                String name = m.getMethodAsString();
                if (name == null || Policy.DENIED.contains(name)) refuse("super." + name + ": not allowed in a program", m);
                m.setArguments(transform(m.getArguments()));
                return m;
            }
            return checker("call", m, transform(receiver), transform(m.getMethod()), bool(m.isSafe()), bool(m.isSpreadSafe()),
                    arguments(m.getArguments()));
        }

        private Expression staticCall(StaticMethodCallExpression s) {
            ClassNode owner = s.getOwnerType();
            if (owner.getModule() == source.getAST()) {  // the program's own class: a call without receiver
                if (!Policy.implicitMethod(s.getMethod())) refuse(s.getMethod() + "(…): not allowed in a program", s);
                return s.transformExpression(this);
            }
            checkType(owner, s, owner.getName());
            return checker("call", s, new ClassExpression(owner), new ConstantExpression(s.getMethod()), bool(false), bool(false),
                    arguments(s.getArguments()));
        }

        private Expression property(String method, PropertyExpression p) {
            Expression receiver = p.getObjectExpression();
            if (isSuper(receiver)) {
                String name = p.getPropertyAsString();
                if (name == null || Policy.DENIED.contains(name)) refuse("super." + name + ": not allowed in a program", p);
                return p;
            }
            return checker(method, p, transform(receiver), transform(p.getProperty()), bool(p.isSafe()), bool(p.isSpreadSafe()));
        }

        private Expression arguments(Expression args) {
            List<Expression> list = new ArrayList<>();
            boolean spread = false;
            if (args instanceof TupleExpression t) {
                for (Expression x : t.getExpressions()) {
                    spread |= x instanceof SpreadExpression;
                    list.add(transform(x));
                }
            } else {
                list.add(transform(args));
            }
            if (spread) {
                ListExpression l = new ListExpression(list);
                l.setSourcePosition(args);
                return checker("spreadArguments", args, l);
            }
            ArrayExpression a = new ArrayExpression(ClassHelper.OBJECT_TYPE, list);
            a.setSourcePosition(args);
            return a;
        }

        /** A variable nobody declared is a property of the program, its closure or the script binding. */
        private void checkVariable(VariableExpression v) {
            if (!(v.getAccessedVariable() instanceof DynamicVariable)) return;
            if (PACKAGE_ROOTS.contains(v.getName())) {
                refuse(v.getName() + ".…: classes outside the scripting API are not available to programs (they use org.stationd.api)", v);
            } else if (!Policy.implicitProperty(v.getName())) {
                refuse(v.getName() + ": not allowed in a program", v);
            }
        }

        private void checkType(ClassNode type, ASTNode where, String what) {
            if (type == null || where.getLineNumber() < 1) return;  // the compiler's own code
            ClassNode t = type;
            while (t.isArray()) t = t.getComponentType();
            if (t.isGenericsPlaceHolder() || ClassHelper.isPrimitiveType(t) || ClassHelper.isDynamicTyped(t)
                    || t.getModule() == source.getAST() || Policy.nameable(t.getName())) {
                return;
            }
            refuse(what + ": " + t.getName() + " is not available to programs "
                    + "(they use the scripting API, texts, numbers, collections, maps and java.time values)", where);
        }

        private void refuse(String message, ASTNode where) {
            addError(message, where);
        }

        private static boolean isThis(Expression e) {
            return e instanceof VariableExpression v && v.isThisExpression();
        }

        private static boolean isSuper(Expression e) {
            return e instanceof VariableExpression v && v.isSuperExpression();
        }

        private static Expression bool(boolean b) {
            return new ConstantExpression(b, true);
        }

        private static Expression checker(String method, ASTNode at, Expression... args) {
            StaticMethodCallExpression call = new StaticMethodCallExpression(CHECKER, method, new ArgumentListExpression(args));
            call.setSourcePosition(at);
            return call;
        }
    }
}
