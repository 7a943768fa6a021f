package org.woolly.cli;

import java.lang.reflect.Proxy;

/**
 * SIGHUP reads the configuration again, as it does for PostgreSQL's postmaster ({@code pg_ctl
 * reload}, {@code kill -HUP}); without a handler the JVM would take SIGHUP as a request to exit.
 * The JDK's signal API ({@code sun.misc.Signal} in module {@code jdk.unsupported}) is reached
 * reflectively, so the build stays free of internal-API warnings; where it is missing (or the
 * JVM runs with {@code -Xrs}) SIGHUP keeps the JVM's meaning and {@code woolly reload} remains.
 */
final class HangupSignal {
    private HangupSignal() {}

    /** Installs {@code reload} as the SIGHUP handler; false if this JVM does not allow it. */
    static boolean reloadOn(Runnable reload) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, arguments) -> switch (method.getName()) {
                        case "handle" -> {
                            reload.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == arguments[0];
                        default -> "woolly SIGHUP handler";
                    });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError unavailable) {
            return false;
        }
    }
}
