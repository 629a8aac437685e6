package org.rapport.platform.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.CurrentUser;
import org.rapport.platform.Members;
import org.rapport.platform.TwoFactor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Eight doors: the API (bearer tokens, HTTP Basic only to obtain a token, no session, no CSRF), the public web
 * forms (anyone may post, pages may be framed), the API documentation, the public blogs (anyone may read and
 * comment, no session), the Fediverse (WebFinger, NodeInfo, ActivityPub; signed by other servers, no session),
 * the channels' hooks (webhooks of networks, checked by each channel's connector, no session), operations (health
 * for anyone, metrics with a token) and the UI (form login, then a code for people with two-factor sign-in
 * ({@link TwoFactorSignIn}), session kept in PostgreSQL, CSRF).
 * Who may do what behind the API's and the UI's doors is decided in one place, {@link AccessRules}, against the
 * member's current role.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final String UI_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The token filter belongs to the API's chain only; as a bean Spring Boot would also run it for every request. */
	@Bean
	FilterRegistrationBean<BearerTokenFilter> bearerTokenFilterOnlyInItsChain(BearerTokenFilter filter) {
		FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	/** The login throttle belongs to the chains that take passwords only. */
	@Bean
	FilterRegistrationBean<ThrottleFilter> throttleFilterOnlyInItsChains(ThrottleFilter filter) {
		FilterRegistrationBean<ThrottleFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, BearerTokenFilter bearer, ThrottleFilter throttle, AccessRules rules,
			TwoFactor twoFactor, LoginThrottle loginThrottle) throws Exception {
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests(a -> a.anyRequest().access(rules))
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(b -> b.authenticationEntryPoint(SecurityConfiguration::unauthorized))
			.addFilterBefore(SecurityConfiguration::basicOnlyForTokens, BasicAuthenticationFilter.class)
			.addFilterBefore(throttle, BasicAuthenticationFilter.class)
			.addFilterBefore(bearer, BasicAuthenticationFilter.class)
			.addFilterAfter(new TwoFactorTokenGuard(twoFactor, loginThrottle), BasicAuthenticationFilter.class)
			.exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthorized)
				.accessDeniedHandler((req, res, ex) -> problem(res, HttpStatus.FORBIDDEN, refusal(req))))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain forms(HttpSecurity http) throws Exception {
		return http.securityMatcher("/f/**")
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(h -> h.frameOptions(f -> f.disable())
				.contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; style-src 'self'; script-src 'self'; "
						+ "img-src 'self' data:; object-src 'none'; form-action 'self'; frame-ancestors *")))
			.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
		return http.securityMatcher("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.csrf(c -> c.disable())
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
					"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")))
			.build();
	}

	/**
	 * The public blogs: anyone may read and comment without a session (so no CSRF token); images in posts may come
	 * from other https sites. The blog's back office at {@code /blog/admin} belongs to the UI.
	 */
	@Bean
	@Order(4)
	SecurityFilterChain blog(HttpSecurity http) throws Exception {
		var paths = PathPatternRequestMatcher.withDefaults();
		return http.securityMatcher(new AndRequestMatcher(paths.matcher("/blog/**"),
				new NegatedRequestMatcher(paths.matcher("/blog/admin/**"))))
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'self'; img-src 'self' data:; "
					+ "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
					// Players of two-click embeds, loaded only after the reader's click.
					+ "frame-src https://www.youtube-nocookie.com https://player.vimeo.com https://www.openstreetmap.org; "
					+ "form-action 'self'"))
				.referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
			.build();
	}

	/**
	 * Operations: health (with liveness and readiness) for load balancers and orchestrators, without details;
	 * Prometheus metrics only for a scraper that presents {@code RAPPORT_METRICS_TOKEN}.
	 */
	@Bean
	@Order(4)
	SecurityFilterChain operations(HttpSecurity http, @Value("${rapport.metrics-token:}") String metricsToken)
			throws Exception {
		return http.securityMatcher("/actuator/**")
			.authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.requestMatchers("/actuator/prometheus").access((authentication, context) ->
					new AuthorizationDecision(presents(context.getRequest(), metricsToken)))
				.anyRequest().denyAll())
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) -> {
				res.setHeader("WWW-Authenticate", "Bearer realm=\"rapport-metrics\"");
				problem(res, HttpStatus.UNAUTHORIZED, metricsToken.isBlank()
						? "Metrics are off: set RAPPORT_METRICS_TOKEN and send it as 'Authorization: Bearer <token>'."
						: "Send RAPPORT_METRICS_TOKEN as 'Authorization: Bearer <token>'.");
			}).authenticationEntryPoint((req, res, ex) -> problem(res, HttpStatus.UNAUTHORIZED,
					"Send RAPPORT_METRICS_TOKEN as 'Authorization: Bearer <token>'.")))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
			.build();
	}

	private static boolean presents(HttpServletRequest request, String token) {
		String header = request.getHeader("Authorization");
		return !token.isBlank() && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
				&& java.security.MessageDigest.isEqual(header.substring(7).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8),
						token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	/**
	 * The Fediverse's doors: WebFinger, NodeInfo and the ActivityPub actors and inboxes. Other servers call them
	 * without a session; inbound activities are authenticated by their HTTP signatures, not by Spring Security.
	 */
	@Bean
	@Order(4)
	SecurityFilterChain federation(HttpSecurity http) throws Exception {
		return http.securityMatcher("/.well-known/webfinger", "/.well-known/nodeinfo", "/nodeinfo/**", "/ap/**")
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
			.build();
	}

	/**
	 * The channels' hooks ({@code /hooks/**}): networks push webhook deliveries there without a session; each
	 * channel's connector checks its network's signature, not Spring Security. Also the tracked links' short
	 * addresses ({@code /r/**}), which anyone follows without a session or a cookie.
	 */
	@Bean
	@Order(4)
	SecurityFilterChain hooks(HttpSecurity http) throws Exception {
		return http.securityMatcher("/hooks/**", "/r/**")
			.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
			.build();
	}

	@Bean
	@Order(5)
	SecurityFilterChain ui(HttpSecurity http, ThrottleFilter throttle, AccessRules rules, Members members,
			KnownDevices devices, TwoFactor twoFactor, TwoFactorSignIn secondStep) throws Exception {
		var landing = new SavedRequestAwareAuthenticationSuccessHandler();
		landing.setDefaultTargetUrl("/inbox");
		return http
			.authorizeHttpRequests(a -> a
				.requestMatchers("/login", "/login/code", "/login/forgot", "/login/reset", "/setup", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico",
						"/error", "/privacy/withdraw")
				.permitAll()
				.anyRequest().access(rules))
			.formLogin(f -> f.loginPage("/login").successHandler((request, response, authentication) -> {
				if (authentication.getPrincipal() instanceof CurrentUser user
						&& secondStep.secondStep(user, request, response)) {
					return;
				}
				devices.remember(authentication.getName(), request, response);
				landing.onAuthenticationSuccess(request, response, authentication);
			}).permitAll())
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
			// the error page says which role a refused step needs, in the reader's language
			.exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) -> {
				if (!(ex instanceof org.springframework.security.web.csrf.CsrfException)) {
					req.setAttribute(ErrorPage.DETAIL, refusal(req));
				}
				res.sendError(HttpStatus.FORBIDDEN.value());
			}))
			.addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new SessionMembership(members), AuthorizationFilter.class)
			.addFilterBefore(new TwoFactorEnrolment(twoFactor), AuthorizationFilter.class)
			.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(UI_CSP))
				.referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), interest-cohort=()")))
			.build();
	}

	/** Why the permission matrix refused a request, in a sentence naming the role it needs. */
	static String refusal(HttpServletRequest request) {
		var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String needed = AccessRules.least(request.getMethod(), path).key();
		if (authentication != null && authentication.getPrincipal() instanceof org.rapport.platform.CurrentUser user) {
			return "Your role '" + user.role().key() + "' may not do this; it needs the role '" + needed + "' or a higher one.";
		}
		return "This needs the role '" + needed + "' or a higher one.";
	}

	/**
	 * HTTP Basic exchanges a password for a token and nothing else: every other API call carries a token, so that
	 * passwords do not travel with each request and no request costs a password hash check.
	 */
	static void basicOnlyForTokens(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res,
			FilterChain chain) throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) req;
		String authorization = request.getHeader("Authorization");
		boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (basic && !("POST".equals(request.getMethod()) && "/api/v1/tokens".equals(path))) {
			HttpServletResponse response = (HttpServletResponse) res;
			response.setHeader("WWW-Authenticate", "Bearer realm=\"rapport\"");
			problem(response, HttpStatus.UNAUTHORIZED,
					"HTTP Basic is accepted only by POST /api/v1/tokens. Send 'Authorization: Bearer <token>'.");
			return;
		}
		chain.doFilter(req, res);
	}

	static void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"rapport\", Basic realm=\"rapport\"");
		problem(response, HttpStatus.UNAUTHORIZED,
				"Send 'Authorization: Bearer <token>'. Obtain a token with POST /api/v1/tokens and HTTP Basic credentials.");
	}

	static void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		response.setStatus(status.value());
		response.setContentType("application/problem+json");
		response.getWriter().write(JSON.writeValueAsString(problem));
	}

	/** Refuses logins from an address or for an account that failed too often lately. */
	@org.springframework.stereotype.Component
	static class ThrottleFilter extends OncePerRequestFilter {

		private final LoginThrottle throttle;
		private final KnownDevices devices;

		ThrottleFilter(LoginThrottle throttle, KnownDevices devices) {
			this.throttle = throttle;
			this.devices = devices;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			boolean formLogin = "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
			String authorization = request.getHeader("Authorization");
			boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
			String account = formLogin ? request.getParameter("username") : basic ? basicUser(authorization) : null;
			if (formLogin || basic) {
				long wait = throttle.wait(request.getRemoteAddr(), account, devices.known(account, request)).toSeconds() ;
				if (wait > 0) {
					long seconds = Math.max(1, wait);
					if (formLogin) {
						response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
					}
					else {
						response.setHeader("Retry-After", Long.toString(seconds));
						problem(response, HttpStatus.TOO_MANY_REQUESTS,
								"Too many failed logins. Try again in " + seconds + " seconds.");
					}
					return;
				}
			}
			chain.doFilter(request, response);
		}

		private static String basicUser(String authorization) {
			try {
				String decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).strip()),
						java.nio.charset.StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return colon < 0 ? decoded : decoded.substring(0, colon);
			}
			catch (IllegalArgumentException e) {
				return null;
			}
		}
	}
}
