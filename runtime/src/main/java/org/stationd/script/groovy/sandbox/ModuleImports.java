package org.stationd.script.groovy.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;

/** Every import of a program's source, of every kind, for the checks that read them. */
public final class ModuleImports {
    private ModuleImports() {}

    /** Class, star, static and static-star imports; a star import of a package has no type. */
    public static List<ImportNode> of(ModuleNode module) {
        List<ImportNode> all = new ArrayList<>(module.getImports());
        all.addAll(module.getStarImports());
        all.addAll(module.getStaticImports().values());
        all.addAll(module.getStaticStarImports().values());
        return all;
    }
}
